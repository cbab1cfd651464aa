using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.RateLimiting;

/// <summary>The adaptive rate limiter: even pacing, multiplicative decrease on throttling, additive increase after quiet periods, and its place in the pipeline.</summary>
[TestFixture]
public sealed class AdaptiveRateLimiterTests
{
    [Test]
    public async Task Requests_ArePacedEvenly_AtTheRate()
    {
        var time = new InstantTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 10 }, time);

        for (var i = 0; i < 5; i++)
        {
            using var lease = await limiter.AcquireAsync();
            Assert.That(lease.IsAcquired, Is.True);
        }

        Assert.That(time.Delays.Select(d => d.TotalSeconds), Is.EqualTo(new[] { 0.1, 0.1, 0.1, 0.1 }).Within(1e-9), "the first at once, then one every 100 ms");
    }

    [Test]
    public void Throttling_HalvesTheRate_DownToTheMinimum_AndQuietPeriodsRaiseItAStepAtATime()
    {
        var clock = new FakeTimeProvider();
        var logs = new ListLoggerFactory();
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 10, MinimumRequestsPerSecond = 2, IncreaseStep = 1, QuietPeriod = TimeSpan.FromSeconds(5), DecreaseCooldown = TimeSpan.FromSeconds(1) }, clock, logs.CreateLogger("test"));

        var rates = new List<double>();
        limiter.OnThrottled();
        rates.Add(limiter.CurrentRequestsPerSecond);         // 5
        limiter.OnThrottled();
        rates.Add(limiter.CurrentRequestsPerSecond);         // within the cooldown: an echo of the old rate, still 5
        clock.Advance(TimeSpan.FromSeconds(1));
        limiter.OnThrottled();
        clock.Advance(TimeSpan.FromSeconds(1));
        limiter.OnThrottled();
        rates.Add(limiter.CurrentRequestsPerSecond);         // 2.5 → 2 (the floor)
        clock.Advance(TimeSpan.FromSeconds(4));
        limiter.OnAccepted();
        rates.Add(limiter.CurrentRequestsPerSecond);         // not quiet long enough: 2
        clock.Advance(TimeSpan.FromSeconds(1));
        limiter.OnAccepted();
        rates.Add(limiter.CurrentRequestsPerSecond);         // 3
        limiter.OnAccepted();
        rates.Add(limiter.CurrentRequestsPerSecond);         // a step per quiet period, not per answer: 3
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            limiter.OnAccepted();
        }

        rates.Add(limiter.CurrentRequestsPerSecond);         // back to the ceiling: 10

        Assert.Multiple(() =>
        {
            Assert.That(rates, Is.EqualTo(new[] { 5, 5, 2, 2, 3, 3, 10 }));
            Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).First(), Is.EqualTo("Clarifai request rate 10 → 5 requests/s (throttled)"));
        });
    }

    [Test]
    public async Task InThePipeline_AThrottledAnswerSlowsTheLimiter_AndEveryAttemptTakesAPermit()
    {
        var time = new InstantTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 8 }, time);
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(
            _ => GrpcCalls.Unary(Responses.WithStatus(new SingleModelResponse(), StatusCode.ConnThrottled)),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained)));
        using var client = TestClients.Create(mock, time, configure: o => o.RateLimiter = limiter);

        await client.Models.GetAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(2));
            Assert.That(limiter.GetStatistics()!.TotalSuccessfulLeases, Is.EqualTo(2), "the retry was paced too");
            Assert.That(limiter.CurrentRequestsPerSecond, Is.EqualTo(4), "11005 halved the rate");
        });
    }

    [Test]
    public async Task AnInputLimiter_TakesOnePermitPerInputAdded_AndNoneForOtherCalls()
    {
        var time = new InstantTimeProvider();
        using var inputs = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 10 }, time);
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer)
            .Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock, time, configure: o => o.InputRateLimiter = inputs);

        await client.Inputs.AddAsync([.. Enumerable.Range(0, 5).Select(i => NewInput.FromUrl($"https://example.test/{i}.jpg").WithId($"in-{i}"))]);
        await client.Models.GetAsync("pets");
        await client.Inputs.AddAsync([.. Enumerable.Range(5, 2).Select(i => NewInput.FromUrl($"https://example.test/{i}.jpg").WithId($"in-{i}"))]);
        await client.Inputs.AddAsync([NewInput.FromUrl("https://example.test/7.jpg").WithId("in-7")]);

        Assert.Multiple(() =>
        {
            Assert.That(store.StoredIds, Has.Count.EqualTo(8));
            Assert.That(time.Delays.Select(d => d.TotalSeconds), Is.EqualTo(new[] { 0.5, 0.2 }).Within(1e-9),
                "5 inputs at 10/s hold the next batch for 0.5 s, the next 2 inputs hold the one after for 0.2 s; GetModel waits for nothing");
            Assert.That(inputs.GetStatistics()!.TotalSuccessfulLeases, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task AFullQueue_RefusesTheCall_BeforeSending()
    {
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 1, QueueLimit = 0 }, new FakeTimeProvider());
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock, retry: RetrySettings.None, configure: o => o.RateLimiter = limiter);

        var refused = await Assert.ThrowsAsync<ClarifaiThrottledException>(() => client.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Details, Does.Contain("rate limiter"));
            Assert.That(mock.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task WaitingForAPermit_IsCancellable()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 1 }, clock);
        using var first = await limiter.AcquireAsync();
        using var cts = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => waiting);
        Assert.That(limiter.GetStatistics()!.CurrentQueuedCount, Is.Zero);
    }

    [Test]
    public void BadOptions_AreRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { DecreaseFactor = 1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 5, MinimumRequestsPerSecond = 6 }));
        });
    }
}
