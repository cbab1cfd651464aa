using System.Globalization;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests.Redis;

/// <summary>
/// Four <c>clarifai upload</c> processes on one job (partitions 0–3) with one Redis limiter at R requests/s, against a
/// local server that throttles above a little more than R: every input once, no 11005, and together they run at R.
/// </summary>
[TestFixture]
public sealed class FleetTests
{
    private const int Rate = 20;          // R, the fleet's limit
    private const int ServerLimit = 23;   // the server's --max-rps, slightly above R
    private const int Inputs = 3_000;     // 300 requests of 10: about 15 s at R
    private const int BatchSize = 10;

    [Test]
    public async Task FourWorkers_OneJob_OneRedisLimiter_SendEveryInputOnce_AtTheFleetsRate_WithoutThrottling()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { MaxRequestsPerSecond = ServerLimit } });
        var appId = EmulatorClients.NewAppId();
        var folder = Directory.CreateTempSubdirectory("clarifai-fleet-");
        var source = Path.Combine(folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(source, Enumerable.Range(0, Inputs).Select(i => $$"""{"text": "fleet document {{i}}"}"""));
        var job = "fleet-" + Guid.NewGuid().ToString("N");

        var workers = Enumerable.Range(0, 4).Select(i => CliProcess.Start(emulator, appId,
            "upload", source, "--json", "--redis", redis.Configuration, "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--resume", job,
            "--partition", $"{i}/4", "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture), "--workers", "4")).ToList();
        try
        {
            var exits = await Task.WhenAll(workers.Select(w => w.WaitAsync(TimeSpan.FromMinutes(3))));
            var summaries = workers.Select(w => JsonNode.Parse(w.Output)!).ToList();
            var posts = emulator.Traffic.Snapshot().Where(r => r.Method == "PostInputs").ToList();
            var start = posts[0].At;
            var throttledAfterTheFirstSecond = posts.Count(r => r.Code == StatusCode.ConnThrottled && r.At > start + TimeSpan.FromSeconds(1));
            var accepted = posts.Where(r => r.Code != StatusCode.ConnThrottled).ToList();
            var rate = (accepted.Count - 1) / (accepted[^1].At - accepted[0].At).TotalSeconds;
            TestContext.Out.WriteLine($"{posts.Count} PostInputs, {posts.Count(r => r.Code == StatusCode.ConnThrottled)} throttled, combined {rate:0.00} requests/s; partitions: {string.Join(", ", summaries.Select(s => (int)s["succeeded"]!))}");
            var ids = emulator.InputIds(EmulatorClients.UserId, appId);

            Assert.Multiple(() =>
            {
                Assert.That(exits, Has.All.EqualTo(0), string.Join("\n", workers.Select(w => w.Error)));
                Assert.That(summaries.Sum(s => (int)s["succeeded"]!), Is.EqualTo(Inputs));
                Assert.That(summaries.Select(s => (int)s["succeeded"]!), Has.All.InRange(Inputs / 4 - 150, Inputs / 4 + 150), "each partition a quarter, give or take the hash");
                Assert.That(ids, Has.Count.EqualTo(Inputs), "every input on the server");
                Assert.That(ids.Distinct().Count(), Is.EqualTo(Inputs), "none twice");
                Assert.That(throttledAfterTheFirstSecond, Is.Zero, "no 11005 answers after the limiter's first second");
                Assert.That(rate, Is.InRange(Rate * 0.9, Rate * 1.1), "the fleet together runs at R, within 10%");
            });
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
            folder.Delete(recursive: true);
        }
    }
}
