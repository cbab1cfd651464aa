using System.Diagnostics;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// An upload process killed mid-way (SIGKILL, by its own PID: no chance to flush anything) and run again with the same
/// job: the server ends up with every input exactly once, and the two runs' outcomes add up.
/// </summary>
[TestFixture]
public sealed class CrashResumeTests
{
    private const int Total = 20_000;

    [Test]
    public async Task AKilledUploadOf20000Inputs_RerunWithTheSameJob_LeavesEachInputOnceOnTheServer()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync();
        var appId = EmulatorClients.NewAppId();
        var folder = Directory.CreateTempSubdirectory("clarifai-crash-");
        var source = Path.Combine(folder.FullName, "inputs.jsonl");
        static string Text(int i) => $"document number {i}";
        static string Concept(int i) => i % 2 == 0 ? "even" : "odd";
        await File.WriteAllLinesAsync(source, Enumerable.Range(0, Total).Select(i => $$"""{"text": "{{Text(i)}}", "concepts": ["{{Concept(i)}}"]}"""));
        var checkpoint = Path.Combine(folder.FullName, "job.checkpoint.db");

        // The first run is paced (40 requests of 100 inputs a second: about 5 s in all) so that it can be caught mid-way.
        long recordedBeforeTheKill;
        int onTheServerAtTheKill;
        using (var first = CliProcess.Start(emulator, appId, "upload", source, "--resume", checkpoint, "--json", "--rate", "40", "--batch-size", "100", "--workers", "4"))
        {
            var waiting = Stopwatch.StartNew();
            while (emulator.CountInputs(EmulatorClients.UserId, appId) < Total / 4)
            {
                Assert.That(first.Process.HasExited, Is.False, $"the first run ended before it could be killed:\n{first.Output}\n{first.Error}");
                Assert.That(waiting.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "the first run never got a quarter of the way");
                await Task.Delay(20);
            }

            using (var victim = Process.GetProcessById(first.Process.Id)) victim.Kill();
            await first.Process.WaitForExitAsync();
            await Task.Delay(500); // requests the server was handling when the client died finish (or not) on their own
            onTheServerAtTheKill = emulator.CountInputs(EmulatorClients.UserId, appId);
            using var records = SqliteUploadCheckpoint.Open(checkpoint);
            recordedBeforeTheKill = records.CountFinished();
        }

        // The crash's worst window, made certain: inputs the server stored but the dead run never recorded. Whether a
        // kill lands inside that window is timing; here the last 50 rows (never reached by a run killed a quarter of the
        // way) are stored under the ids the tool gives them, and the re-run must recognise them as the job's own.
        using (var deadRun = EmulatorClients.Create(emulator, appId))
        {
            var storedUnrecorded = await deadRun.Uploads.UploadAllAsync(
                Enumerable.Range(Total - 50, 50).Select(i => NewInput.FromText(Text(i)).WithConcepts(Concept(i))),
                new UploadOptions { IdMode = UploadIdMode.ContentHash });
            Assert.That(storedUnrecorded.Succeeded, Is.EqualTo(50));
        }

        using var second = CliProcess.Start(emulator, appId, "upload", source, "--resume", checkpoint, "--json");
        var exit = await second.WaitAsync(TimeSpan.FromMinutes(3));
        var summary = JsonNode.Parse(second.Output)!;
        var ids = emulator.InputIds(EmulatorClients.UserId, appId);
        TestContext.Out.WriteLine($"killed with {onTheServerAtTheKill} inputs on the server and {recordedBeforeTheKill} recorded; the re-run: {second.Output}");

        Assert.Multiple(() =>
        {
            Assert.That(recordedBeforeTheKill, Is.InRange(1, Total - 1), "the kill came mid-way");
            Assert.That(onTheServerAtTheKill, Is.LessThan(Total - 50), "the kill came before the end");
            Assert.That(exit, Is.EqualTo(0), second.Error);
            Assert.That((string?)summary["result"], Is.EqualTo("All"));
            Assert.That(ids, Has.Count.EqualTo(Total), "exactly 20,000 inputs on the server");
            Assert.That(ids.Distinct().Count(), Is.EqualTo(Total), "none twice");
            Assert.That((long)summary["skipped"]!, Is.EqualTo(recordedBeforeTheKill), "the re-run skipped exactly what the killed run had recorded");
            Assert.That((long)summary["skipped"]! + (long)summary["succeeded"]!, Is.EqualTo(Total), "and finished the rest: the outcomes add up");
            Assert.That((long)summary["failed"]!, Is.Zero, "inputs stored but not recorded are recognised, not failed as duplicates");
        });
        folder.Delete(recursive: true);
    }
}
