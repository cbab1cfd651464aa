using System.Text;
using System.Text.Json.Nodes;
using Clarifai.Cli;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// <c>clarifai upload</c> at the edges a user at scale meets: broken sources end cleanly after everything before them is
/// on the server (or are skipped and named), broken checkpoints and checkpoints of another app are named with their
/// exit codes, a resume of own-id rows reports what is really there, and no message carries a .NET internal or a secret.
/// </summary>
[TestFixture]
public sealed class UploadToolEdgeTests : SharedEmulatorFixture
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clarifai-edge-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private Task<(int Exit, string Output, string Error)> RunAsync(string appId, params string[] args) => ToolRun.AgainstAsync(Emulator, appId, args);

    private static void AssertOneCleanLine(string error)
    {
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("Exception:").And.Not.Contain("(Parameter '").And.Not.Contain("LineNumber:"), "no .NET internals");
    }

    [Test]
    public async Task ACsvWithAnUnterminatedQuoteAfter150Rows_Exits65NamingTheLine_WithAll150OnTheServer()
    {
        var appId = EmulatorClients.NewAppId();
        var csv = PathOf("inputs.csv");
        var lines = new List<string> { "id,text" };
        lines.AddRange(Enumerable.Range(0, 150).Select(i => $"row-{i},text number {i}"));
        lines.Add("row-150,\"this quote is never closed");
        lines.Add("row-151,never read");
        await File.WriteAllLinesAsync(csv, lines);

        var run = await RunAsync(appId, "upload", csv, "--json", "--batch-size", "64");

        var summary = JsonNode.Parse(run.Output)!;
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(65), run.Error);
            Assert.That(run.Error, Does.StartWith("inputs.csv:152: a quoted cell opened here is not closed"));
            AssertOneCleanLine(run.Error);
            Assert.That((int)summary["succeeded"]!, Is.EqualTo(150), "the half-filled batch before the bad row was sent");
            Assert.That((string?)summary["error"], Does.StartWith("inputs.csv:152:"));
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(150));
        });
    }

    [Test]
    public async Task AFolderWithAnEmptyFileAfter60Images_Exits65NamingIt_WithAll60OnTheServer_OrSkipsItWhenAsked()
    {
        var appId = EmulatorClients.NewAppId();
        var photos = Directory.CreateDirectory(PathOf("photos")).FullName;
        for (var i = 0; i < 60; i++) await File.WriteAllBytesAsync(Path.Combine(photos, $"img-{i:D3}.png"), SceneGenerator.Png(ScenePalette.Warm, i));
        await File.WriteAllBytesAsync(Path.Combine(photos, "img-060.png"), []);
        await File.WriteAllTextAsync(Path.Combine(photos, "img-061.png"), "a note saved as a picture");
        await File.WriteAllBytesAsync(Path.Combine(photos, "img-062.png"), SceneGenerator.Png(ScenePalette.Cold, 62));
        await File.WriteAllTextAsync(Path.Combine(photos, "README.txt"), "not an image by its extension");

        var stopped = await RunAsync(appId, "upload", photos, "--json");
        var onServerAfterStop = Emulator.CountInputs(EmulatorClients.UserId, appId);
        var skipping = await RunAsync(appId, "upload", photos, "--json", "--skip-bad");

        var stoppedSummary = JsonNode.Parse(stopped.Output)!;
        var skippedSummary = JsonNode.Parse(skipping.Output)!;
        Assert.Multiple(() =>
        {
            Assert.That(stopped.Exit, Is.EqualTo(65), stopped.Error);
            Assert.That(stopped.Error.Trim(), Is.EqualTo($"{Path.Combine(photos, "img-060.png")}: the file is empty."));
            Assert.That((int)stoppedSummary["succeeded"]!, Is.EqualTo(60));
            Assert.That(onServerAfterStop, Is.EqualTo(60), "every image before the bad file, in the folder's order");
            Assert.That(skipping.Exit, Is.EqualTo(1), "skipped entries: not everything in the folder was uploaded");
            Assert.That(skippedSummary["bad_skipped"]!.AsArray().Select(b => Path.GetFileName((string)b!["location"]!)), Is.EqualTo(new[] { "img-060.png", "img-061.png" }));
            Assert.That((string?)skippedSummary["bad_skipped"]![1]!["problem"], Does.StartWith("the file is not an image"), "a text saved as .png is named, never 'succeeded'");
            Assert.That(skippedSummary["ignored_files"]!.AsArray().Select(f => Path.GetFileName((string)f!)), Is.EqualTo(new[] { "README.txt" }));
            Assert.That((int)skippedSummary["succeeded"]!, Is.EqualTo(61), "the 60 again (recognised by their content-hash ids) and the one after the bad files");
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(61));
        });
    }

    [Test]
    public async Task Wait_ReportsInputsWhoseProcessingFailed_ByWhereTheyCameFrom()
    {
        var appId = EmulatorClients.NewAppId();
        await File.WriteAllBytesAsync(PathOf("good.png"), SceneGenerator.Png(ScenePalette.Warm, 1));
        await File.WriteAllTextAsync(PathOf("fake.png"), "just text, saved as .png");
        var csv = PathOf("inputs.csv");
        await File.WriteAllLinesAsync(csv, ["file", "good.png", "fake.png"]);

        var plain = await RunAsync(EmulatorClients.NewAppId(), "upload", csv, "--json");
        var waited = await RunAsync(appId, "upload", csv, "--json", "--wait");

        var summary = JsonNode.Parse(waited.Output)!;
        Assert.Multiple(() =>
        {
            Assert.That((plain.Exit, (int)JsonNode.Parse(plain.Output)!["succeeded"]!), Is.EqualTo((0, 2)), "without --wait, accepted is all the tool can know");
            Assert.That(waited.Exit, Is.EqualTo(1), waited.Error);
            Assert.That(((int)summary["succeeded"]!, (int)summary["failed"]!), Is.EqualTo((1, 1)));
            Assert.That(waited.Error, Does.Match(@"^inputs\.csv:3 \(input [0-9a-f]{32}\): failed, 30002 "), "the failure named by its row");
            Assert.That((string?)summary["failures"]![0]!["origin"], Is.EqualTo("inputs.csv:3"));
            Assert.That((int)summary["failures"]![0]!["code"]!, Is.EqualTo(30002));
        });
    }

    [TestCase("not-a-database", "it is not a SQLite database (or it is damaged).")]
    [TestCase("malformed", "the database is damaged (malformed).")]
    [TestCase("a-folder", "it cannot be opened (its folder cannot be written, or the path is not a file).")]
    [TestCase("read-only-file", "it is read-only (the file or its folder cannot be written).")]
    [TestCase("read-only-folder", "it cannot be opened (its folder cannot be written, or the path is not a file).")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ABrokenSqliteCheckpoint_Exits75_NamingTheFile_BeforeAnythingIsSent(string kind, string problem)
    {
        var appId = EmulatorClients.NewAppId();
        var jsonl = PathOf("inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, ["""{"text": "one"}"""]);
        var checkpoint = PathOf("job.db");
        using var readOnly = await BrokenCheckpoint.CreateAsync(kind, checkpoint);

        var run = await RunAsync(appId, "upload", jsonl, "--json", "--resume", readOnly.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(75), run.Error);
            Assert.That(run.Error.Trim(), Is.EqualTo($"The checkpoint file '{readOnly.Path}' cannot be used: {problem}"), run.Error);
            Assert.That(run.Output, Is.Empty);
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.Zero);
        });
    }

    [Test]
    public async Task ACheckpointOfAnotherApp_IsRefused_Exit64_AndTheNewAppGetsNothingSkipped()
    {
        var first = EmulatorClients.NewAppId();
        var second = EmulatorClients.NewAppId();
        var jsonl = PathOf("inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, Enumerable.Range(0, 20).Select(i => $$"""{"text": "text {{i}}"}"""));
        var checkpoint = PathOf("job.db");

        var done = await RunAsync(first, "upload", jsonl, "--json", "--resume", checkpoint);
        var reused = await RunAsync(second, "upload", jsonl, "--json", "--resume", checkpoint);

        Assert.Multiple(() =>
        {
            Assert.That(done.Exit, Is.EqualTo(0), done.Error);
            Assert.That(reused.Exit, Is.EqualTo(64));
            Assert.That(reused.Error, Does.Contain($"belongs to the upload to users/{EmulatorClients.UserId}/apps/{first} from 'inputs.jsonl'").And.Contain($"this upload goes to users/{EmulatorClients.UserId}/apps/{second}"));
            Assert.That((int)JsonNode.Parse(reused.Output)!["skipped"]!, Is.Zero, "nothing is skipped on the word of another app's checkpoint");
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, second), Is.Zero);
        });
    }

    [Test]
    public async Task OwnIdRows_UploadedAgainWithoutTheirCheckpoint_AreReportedThere_NotFailed()
    {
        var appId = EmulatorClients.NewAppId();
        var jsonl = PathOf("inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, ["""{"id": "row-1", "text": "first", "concepts": ["a"]}""", """{"id": "row-2", "text": "second"}"""]);
        var other = PathOf("other.jsonl");
        await File.WriteAllLinesAsync(other, ["""{"id": "row-1", "text": "a different text under the same id"}"""]);

        var first = await RunAsync(appId, "upload", jsonl, "--json", "--resume", PathOf("first.db"));
        var again = await RunAsync(appId, "upload", jsonl, "--json", "--resume", PathOf("deleted-and-made-again.db"));
        var conflict = await RunAsync(appId, "upload", other, "--json");

        var summary = JsonNode.Parse(again.Output)!;
        Assert.Multiple(() =>
        {
            Assert.That(first.Exit, Is.EqualTo(0), first.Error);
            Assert.That(again.Exit, Is.EqualTo(0), again.Error);
            Assert.That(((int)summary["succeeded"]!, (int)summary["failed"]!, (int)summary["deduplicated"]!), Is.EqualTo((2, 0, 2)), "already there with the same content: succeeded, never failed");
            Assert.That(conflict.Exit, Is.EqualTo(2), "a different input under that id is a real conflict");
            Assert.That(conflict.Error, Does.Contain("other.jsonl:1 (input row-1): failed, 30100"));
        });
    }

    [Test]
    public async Task Messages_HaveNoDotNetInternals_AndNoSecrets()
    {
        var appId = EmulatorClients.NewAppId();
        var jsonl = PathOf("inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, ["""{"text": "one"}""", """{"text": "two" "oops"}"""]);

        var badJson = await RunAsync(appId, "upload", jsonl, "--json");
        var redis = await RunAsync(appId, "upload", jsonl, "--redis", "127.0.0.1:1,password=hunter2-secret-pw,connectTimeout=500", "--resume", "job");
        var noFolder = await RunAsync(appId, "upload", PathOf("missing"));

        Assert.Multiple(() =>
        {
            Assert.That(badJson.Exit, Is.EqualTo(65));
            Assert.That(badJson.Error.Trim(), Does.StartWith("inputs.jsonl:2: not valid JSON at column 16:"));
            AssertOneCleanLine(badJson.Error);
            Assert.That(redis.Exit, Is.EqualTo(69), redis.Error);
            Assert.That(redis.Error, Does.Contain("127.0.0.1:1").And.Not.Contain("hunter2"));
            AssertOneCleanLine(redis.Error);
            Assert.That(noFolder.Exit, Is.EqualTo(64));
            Assert.That(noFolder.Error.Trim(), Is.EqualTo($"'{PathOf("missing")}' is neither a folder nor a file."));
        });
    }
}
