using Clarifai.Grpc.Emulator;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper.IntegrationTests.Redis;

/// <summary>The fleet's rate limiter on a real redis-server: one budget for every instance with the same key.</summary>
[TestFixture]
public sealed class RedisRateLimiterTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    private static string NewKey() => "clarifai:rate:test-" + Guid.NewGuid().ToString("N");

    [Test]
    public async Task TwoLimitersOnOneKey_OnTwoConnections_TakeTurnsFromOneBudget_EvenlySpaced()
    {
        // Two connections stand for two processes. Timers fire at once and record the wait asked for, so the turns
        // Redis hands out pile up: the n-th permit's wait is about n/rate, whichever limiter asked. At 1 permit/s the real
        // time the test takes (well under half a second, even on a loaded machine) cannot blur one turn into the next.
        await using var other = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var key = NewKey();
        var options = new RedisRateLimiterOptions { Key = key, PermitsPerSecond = 1 };
        var clockA = new InstantTimeProvider();
        var clockB = new InstantTimeProvider();
        using var a = new RedisRateLimiter(_redis.Connection.GetDatabase(), options, clockA);
        using var b = new RedisRateLimiter(other.GetDatabase(), options, clockB);

        for (var i = 0; i < 5; i++)
        {
            using var fromA = await a.AcquireAsync();
            using var fromB = await b.AcquireAsync();
            Assert.That(fromA.IsAcquired && fromB.IsAcquired, Is.True);
        }

        var waits = clockA.Delays.Concat(clockB.Delays).Select(d => d.TotalSeconds).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(waits, Has.Count.EqualTo(9), "ten permits: the first at once, nine waited for");
            for (var n = 1; n <= 9; n++)
            {
                Assert.That(waits[n - 1], Is.InRange(n - 0.5, n + 1e-6), $"the wait of permit {n} is about {n} s (less the real time the test took)");
            }
        });
    }

    [Test]
    public async Task ABatchTakesAPermitPerInput_AndATurnBeyondTheLongestWait_IsRefused_WithoutReserving()
    {
        var key = NewKey();
        var clock = new InstantTimeProvider();
        // At 1 permit/s and a 100 s longest wait, the real time the test takes (seconds at most) changes no outcome.
        using var limiter = new RedisRateLimiter(_redis.Connection.GetDatabase(), new RedisRateLimiterOptions { Key = key, PermitsPerSecond = 1, MaxWait = TimeSpan.FromSeconds(100) }, clock);

        using var batch = await limiter.AcquireAsync(90);      // 90 s of the budget: granted at once
        using var single = await limiter.AcquireAsync(1);      // its turn is 90 s away, within the 100 s: granted
        using var second = await limiter.AcquireAsync(20);     // 91 s away: granted, and the budget is due 111 s from now
        using var refused = await limiter.AcquireAsync(1);     // 111 s away: refused

        Assert.Multiple(() =>
        {
            Assert.That(new[] { batch.IsAcquired, single.IsAcquired, second.IsAcquired, refused.IsAcquired }, Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(limiter.GetStatistics()!.TotalFailedLeases, Is.EqualTo(1));
            Assert.That(limiter.AttemptAcquire(1).IsAcquired, Is.False, "nothing is due now");
            Assert.That(clock.Delays.Select(d => d.TotalSeconds), Is.EqualTo(new[] { 90.0, 91.0 }).Within(1.0), "the refused turn reserved nothing and waited for nothing");
        });
    }

    [Test]
    public async Task AsTheClientsLimiter_ARefusedTurn_FailsTheCallBeforeSending()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync();
        var key = NewKey();
        using var limiter = new RedisRateLimiter(_redis.Connection.GetDatabase(), new RedisRateLimiterOptions { Key = key, PermitsPerSecond = 0.1, MaxWait = TimeSpan.FromSeconds(1) });
        var appId = EmulatorClients.NewAppId();
        using var clarifai = EmulatorClients.Create(emulator, appId, o =>
        {
            o.RateLimiter = limiter;
            o.Retry = RetrySettings.None;
        });
        await clarifai.Inputs.AddAsync([NewInput.FromBytes([1, 2, 3]).WithId("first")]);
        emulator.Traffic.Clear();

        var refused = await Assert.ThrowsAsync<ClarifaiThrottledException>(() => clarifai.Inputs.AddAsync([NewInput.FromBytes([4, 5, 6]).WithId("second")]));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Details, Does.Contain("rate limiter"));
            Assert.That(emulator.Traffic.Snapshot(), Is.Empty, "nothing was sent");
        });
    }

    [Test]
    public void BadOptions_AreRefused_BeforeAnyRedisCall()
    {
        var database = _redis.Connection.GetDatabase();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => _ = new RedisRateLimiter(database, new RedisRateLimiterOptions { PermitsPerSecond = 5 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RedisRateLimiter(database, new RedisRateLimiterOptions { Key = "k", PermitsPerSecond = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RedisRateLimiter(database, new RedisRateLimiterOptions { Key = "k", PermitsPerSecond = 5, MaxWait = TimeSpan.FromSeconds(-1) }));
        });
    }
}
