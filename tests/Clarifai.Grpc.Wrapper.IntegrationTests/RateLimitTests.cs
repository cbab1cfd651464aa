using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The adaptive rate limiter against a server that enforces a limit, over loopback.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    [Test]
    public async Task AnUploadAboveTheServersLimit_SlowsDownToIt_AndEveryInputLands()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { MaxRequestsPerSecond = 10 } });
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 40, QuietPeriod = TimeSpan.FromSeconds(10) });
        var appId = EmulatorClients.NewAppId();
        using var clarifai = EmulatorClients.Create(emulator, appId, o => o.RateLimiter = limiter);

        var upload = clarifai.Uploads.UploadAsync(
            Enumerable.Range(0, 30).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)).WithId($"in-{i}")),
            new UploadOptions { BatchSize = 1, MaxConcurrency = 4 });
        await foreach (var _ in upload)
        {
        }

        Assert.Multiple(() =>
        {
            Assert.That(upload.Summary!.Succeeded, Is.EqualTo(30));
            Assert.That(emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(30), "each input once");
            // How far it falls depends on timing (one decrease per cooldown); that it falls does not. The exact AIMD
            // steps are checked on a virtual clock in AdaptiveRateLimiterTests.
            Assert.That(limiter.CurrentRequestsPerSecond, Is.LessThanOrEqualTo(20), "11005 answers from a 10 requests/s server halved 40 requests/s at least once");
        });
    }

    [Test]
    public async Task FourWorkersOnOneJob_SharingOneLimiter_SendEveryInputOnce()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { MaxRequestsPerSecond = 30 } });
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 25 });
        var appId = EmulatorClients.NewAppId();
        var inputs = Enumerable.Range(0, 120).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1))).ToList();

        var workers = Enumerable.Range(0, 4).Select(async index =>
        {
            using var clarifai = EmulatorClients.Create(emulator, appId, o => o.RateLimiter = limiter);
            return await clarifai.Uploads.UploadAllAsync(inputs, new UploadOptions { IdMode = UploadIdMode.ContentHash, Partition = new UploadPartition(index, 4), BatchSize = 5, MaxConcurrency = 2 });
        }).ToList();
        var summaries = await Task.WhenAll(workers);

        Assert.Multiple(() =>
        {
            Assert.That(summaries.Sum(s => s.Succeeded), Is.EqualTo(120));
            Assert.That(summaries.Sum(s => s.Total), Is.EqualTo(120), "each input belongs to one worker");
            Assert.That(emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(120), "every input once");
        });
    }
}
