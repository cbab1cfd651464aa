using System.Diagnostics;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// <c>clarifai upload</c> as a real child process, for what only a process shows: SIGINT and SIGTERM mid-upload end
/// with the shells' exit codes after the summary so far and a checkpoint a resume trusts; an output that cannot be
/// written is a clear exit with the checkpoint intact; a SIGKILL mid-run with own-id rows resumes with nothing failed.
/// </summary>
[TestFixture]
public sealed class UploadToolProcessTests
{
    private const int Rows = 4_000;
    private const int BatchSize = 50;
    private const int Workers = 4;

    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clarifai-process-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    private async Task<string> TextRowsAsync(int count)
    {
        var path = Path.Combine(_folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, count).Select(i => $$"""{"text": "document {{i}}", "concepts": ["c{{i % 3}}"]}"""));
        return path;
    }

    private static async Task WaitForAsync(CliProcess cli, Func<bool> condition, string what)
    {
        var waiting = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(cli.Process.HasExited, Is.False, $"the tool ended before {what}:\n{cli.Output}\n{cli.Error}");
            Assert.That(waiting.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), $"never {what}");
            await Task.Delay(20);
        }
    }

    [TestCase(2, 130, "Cancelled.")]
    [TestCase(15, 143, "Terminated.")]
    public async Task ASignalMidUpload_EndsWithTheShellsExitCode_AfterTheSummary_AndAResumeSendsNothingTwice(int signal, int exitCode, string message)
    {
        // A process started in the background by a non-interactive shell ignores SIGINT, and its children inherit that:
        // the tool would never see the signal. Say so rather than fail on the exit code.
        Assert.That(IgnoredByThisProcess(signal), Is.False, $"signal {signal} is ignored by the test process (inherited, e.g. `dotnet test … &` from a script); run the tests in the foreground");
        await using var emulator = await ClarifaiEmulator.StartAsync();
        var appId = EmulatorClients.NewAppId();
        var source = await TextRowsAsync(Rows);
        var checkpoint = Path.Combine(_folder.FullName, "job.db");
        string[] args = ["upload", source, "--resume", checkpoint, "--json", "--batch-size", $"{BatchSize}", "--workers", $"{Workers}"];

        int onServer;
        int exit;
        JsonNode first;
        string error;
        using (var cli = CliProcess.Start(emulator, appId, [.. args, "--rate", "20"]))
        {
            await WaitForAsync(cli, () => emulator.CountInputs(EmulatorClients.UserId, appId) >= Rows / 8, "an eighth was on the server");
            cli.Signal(signal);
            exit = await cli.WaitAsync(TimeSpan.FromMinutes(1));
            onServer = emulator.CountInputs(EmulatorClients.UserId, appId);
            first = JsonNode.Parse(cli.Output)!;
            error = cli.Error;
        }

        emulator.Traffic.Clear();
        using var resume = CliProcess.Start(emulator, appId, args);
        var resumed = await resume.WaitAsync(TimeSpan.FromMinutes(2));
        var second = JsonNode.Parse(resume.Output)!;
        var ids = emulator.InputIds(EmulatorClients.UserId, appId);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(exitCode), error);
            Assert.That(error.Trim(), Is.EqualTo(message), "one line, no stack trace");
            Assert.That((int)first["succeeded"]!, Is.EqualTo(onServer), "the summary so far: every input the server holds is reported succeeded (requests in flight were awaited)");
            Assert.That((int)first["unknown"]!, Is.Zero);
            Assert.That((int)first["succeeded"]!, Is.LessThan(Rows), "it stopped early");
            Assert.That(resumed, Is.EqualTo(0), resume.Error);
            Assert.That((int)second["skipped"]!, Is.EqualTo(onServer), "the checkpoint was flushed: the resume skips everything the first run stored");
            Assert.That((int)second["deduplicated"]!, Is.LessThanOrEqualTo(Workers * BatchSize), "at most one batch per worker is sent again");
            Assert.That((int)second["skipped"]! + (int)second["succeeded"]!, Is.EqualTo(Rows));
            Assert.That(ids, Has.Count.EqualTo(Rows));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(Rows), "none twice");
        });
    }

    /// <summary>Whether this process ignores <paramref name="signal"/> (the <c>SigIgn</c> mask of /proc/self/status), which the tool it starts inherits.</summary>
    private static bool IgnoredByThisProcess(int signal)
    {
        var mask = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return ((ulong.Parse(mask, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) >> (signal - 1)) & 1) == 1;
    }

    [TestCase("/dev/full", "No space left on device")]
    [TestCase("&-", "it is closed or not writable.")]
    public async Task AnOutputThatCannotBeWritten_Exits74WithOneLine_AndTheCheckpointIsIntact(string target, string reason)
    {
        await using var emulator = await ClarifaiEmulator.StartAsync();
        var appId = EmulatorClients.NewAppId();
        var source = await TextRowsAsync(300);
        var checkpoint = Path.Combine(_folder.FullName, "job.db");

        using var cli = CliProcess.StartWithOutput(emulator, appId, target, "upload", source, "--resume", checkpoint, "--json");
        var exit = await cli.WaitAsync(TimeSpan.FromMinutes(1));
        using var records = SqliteUploadCheckpoint.Open(checkpoint);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(74), cli.Error);
            Assert.That(cli.Error.Trim(), Does.StartWith("The output cannot be written:").And.Contain(reason));
            Assert.That(cli.Error, Does.Not.Contain("   at "));
            Assert.That(records.CountFinished(), Is.EqualTo(300), "every outcome was recorded before the summary failed to print");
            Assert.That(emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(300));
        });
    }

    [Test]
    public async Task ASigkillMidRunWithOwnIdImageRows_ThenAResume_ReportsNothingFailed_AndEachRowOnce()
    {
        const int total = 3_000;
        await using var emulator = await ClarifaiEmulator.StartAsync();
        var appId = EmulatorClients.NewAppId();
        for (var i = 0; i < 20; i++) await File.WriteAllBytesAsync(Path.Combine(_folder.FullName, $"img-{i}.png"), SceneGenerator.Png(i % 2 == 0 ? ScenePalette.Warm : ScenePalette.Cold, i));
        static string Row(int i) => $$"""{"id": "row-{{i}}", "file": "img-{{i % 20}}.png", "concepts": ["c{{i % 20}}"]}""";
        var source = Path.Combine(_folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(source, Enumerable.Range(0, total).Select(Row));
        var checkpoint = Path.Combine(_folder.FullName, "job.db");

        using (var first = CliProcess.Start(emulator, appId, "upload", source, "--resume", checkpoint, "--json", "--rate", "20", "--batch-size", "50", "--workers", "4"))
        {
            await WaitForAsync(first, () => emulator.CountInputs(EmulatorClients.UserId, appId) >= total / 5, "a fifth was on the server");
            using (var victim = Process.GetProcessById(first.Process.Id)) victim.Kill();
            await first.Process.WaitForExitAsync();
        }

        // The crash's worst window, made certain: rows recorded as sent and stored on the server whose outcomes were never
        // recorded — a store that refuses to record outcomes leaves exactly that (the last 50 rows, sent by the library
        // with the tool's own scope, rows and checkpoint file).
        await Task.Delay(500);
        using (var deadRun = EmulatorClients.Create(emulator, appId))
        using (var store = SqliteUploadCheckpoint.Open(checkpoint))
        {
            var rows = new List<NewInput>();
            for (var i = total - 50; i < total; i++) rows.Add((await NewInput.FromFileAsync(Path.Combine(_folder.FullName, $"img-{i % 20}.png"))).WithId($"row-{i}").WithConcepts($"c{i % 20}"));
            var refusing = new RefusesOutcomes(store);
            await Assert.ThrowsAsync<UploadCheckpointException>(() => deadRun.Uploads.UploadAllAsync(rows, new UploadOptions { Checkpoint = refusing, IdMode = UploadIdMode.ContentHash, SourceName = "inputs.jsonl" }));
        }

        var storedBeforeResume = emulator.CountInputs(EmulatorClients.UserId, appId);
        using var second = CliProcess.Start(emulator, appId, "upload", source, "--resume", checkpoint, "--json");
        var exit = await second.WaitAsync(TimeSpan.FromMinutes(3));
        var summary = JsonNode.Parse(second.Output)!;
        var ids = emulator.InputIds(EmulatorClients.UserId, appId);

        Assert.Multiple(() =>
        {
            Assert.That(storedBeforeResume, Is.InRange(total / 5, total - 1), "killed mid-way");
            Assert.That(exit, Is.EqualTo(0), second.Error);
            Assert.That((int)summary["failed"]!, Is.Zero, "rows this job sent are recognised as its own, not failed as duplicates");
            Assert.That((int)summary["deduplicated"]!, Is.GreaterThanOrEqualTo(50));
            Assert.That((int)summary["skipped"]! + (int)summary["succeeded"]!, Is.EqualTo(total));
            Assert.That(ids, Has.Count.EqualTo(total));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(total));
        });
    }

    /// <summary>A checkpoint whose store records everything but final outcomes: the state a crash after sending leaves.</summary>
    private sealed class RefusesOutcomes(IUploadCheckpoint inner) : IUploadCheckpoint
    {
        public string Description => inner.Description;

        public ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken) => inner.ClaimAsync(scope, cancellationToken);

        public ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken) => inner.FindAsync(inputId, cancellationToken);

        public ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken) => inner.RecordSentAsync(inputs, cancellationToken);

        public ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken) => throw new IOException("the process died before this record");
    }
}
