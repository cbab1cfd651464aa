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
            Assert.That(limiter.CurrentRequestsPerSecond, Is.LessThanOrEqualTo(10), "11005 answers brought 40 requests/s down to the server's 10");
        });
    }
}
