using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper.Redis;

/// <summary>
/// A <see cref="RateLimiter"/> shared by a fleet: every instance with the same <see cref="RedisRateLimiterOptions.Key"/>,
/// in any process on any machine, draws from one budget in Redis, so N uploaders stay under one account's limit
/// together. Permits are paced evenly (one every 1/rate seconds, no bursts), in the order callers ask, by Redis's own
/// clock, so the machines' clocks need not agree. Give it to <see cref="ClarifaiClientOptions.RateLimiter"/> (requests)
/// or <see cref="ClarifaiClientOptions.InputRateLimiter"/> (inputs). Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Each acquisition is one Redis round trip that reserves the caller's turn (the generic cell rate algorithm: the key
/// holds the time the next permit is due); the caller then waits locally until its turn. A caller cancelled while it
/// waits does not give its turn back, so a cancellation costs the fleet one slot. A Redis that cannot be reached fails
/// the acquisition with StackExchange.Redis's exception, and so the call: the limit is never silently dropped.
/// </para>
/// <para>
/// The rate is fixed, not adaptive: 11005 answers are retried by the client's retry policy with backoff. In one
/// process, an <see cref="AdaptiveRateLimiter"/> adapts instead.
/// </para>
/// </remarks>
/// <example><code>
/// var redis = await ConnectionMultiplexer.ConnectAsync("redis.internal:6379");
/// options.RateLimiter = new RedisRateLimiter(redis.GetDatabase(), new RedisRateLimiterOptions { Key = "clarifai:rate:my-user", PermitsPerSecond = 15 });
/// </code></example>
public sealed class RedisRateLimiter : RateLimiter
{
    // KEYS[1]: the time the next permit is due, in µs of Redis's clock. ARGV: µs per permit, permits, longest wait in µs.
    // Returns the caller's wait in µs, or -1 when it would exceed the longest wait (nothing reserved). Integers are
    // written with %.0f: Lua's tostring keeps only 14 digits, too few for µs since 1970.
    private const string ReserveScript = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local due = tonumber(redis.call('GET', KEYS[1]) or '0')
        if due < now then due = now end
        local wait = due - now
        if wait > tonumber(ARGV[3]) then return -1 end
        local next_due = due + tonumber(ARGV[1]) * tonumber(ARGV[2])
        redis.call('SET', KEYS[1], string.format('%.0f', next_due), 'PX', string.format('%.0f', (next_due - now) / 1000 + 60000))
        return wait
        """;

    private readonly IDatabase _redis;
    private readonly RedisRateLimiterOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisKey _key;
    private readonly double _microsecondsPerPermit;
    private readonly long _maxWaitMicroseconds;
    private long _waiting;
    private long _acquired;
    private long _failed;
    private long _lastAcquiredTimestamp;

    /// <summary>Creates a limiter on a shared budget.</summary>
    /// <param name="redis">The Redis database that holds the budget (<c>multiplexer.GetDatabase()</c>); the caller owns the connection.</param>
    /// <param name="options">Which budget, and its rate.</param>
    /// <param name="timeProvider">The timers callers wait on; <see cref="TimeProvider.System"/> when <see langword="null"/>. The turns themselves are counted on Redis's clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public RedisRateLimiter(IDatabase redis, RedisRateLimiterOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _key = options.Key;
        _microsecondsPerPermit = 1_000_000 / options.PermitsPerSecond;
        _maxWaitMicroseconds = (long)options.MaxWait.TotalMicroseconds;
        _lastAcquiredTimestamp = _time.GetTimestamp();
    }

    /// <summary>The fleet's rate, in permits per second.</summary>
    public double PermitsPerSecond => _options.PermitsPerSecond;

    /// <inheritdoc />
    public override TimeSpan? IdleDuration =>
        Interlocked.Read(ref _waiting) > 0 ? null : _time.GetElapsedTime(Interlocked.Read(ref _lastAcquiredTimestamp));

    /// <summary>This instance's own counts (the fleet's are in no one place).</summary>
    /// <returns>The statistics.</returns>
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = 0,
        CurrentQueuedCount = Interlocked.Read(ref _waiting),
        TotalSuccessfulLeases = Interlocked.Read(ref _acquired),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    /// <inheritdoc />
    /// <remarks>Takes a permit only when the fleet's next one is due now; blocks on one Redis round trip.</remarks>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        if (permitCount == 0) return TimeSlotLease.Acquired;
        var wait = (long)_redis.ScriptEvaluate(ReserveScript, [_key], Arguments(permitCount, maxWaitMicroseconds: 0));
        return Granted(wait) ? TimeSlotLease.Acquired : TimeSlotLease.Failed;
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        if (permitCount == 0) return TimeSlotLease.Acquired;
        var wait = (long)await _redis.ScriptEvaluateAsync(ReserveScript, [_key], Arguments(permitCount, _maxWaitMicroseconds)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!Granted(wait)) return TimeSlotLease.Failed;
        if (wait == 0) return TimeSlotLease.Acquired;
        Interlocked.Increment(ref _waiting);
        try
        {
            await Task.Delay(TimeSpan.FromMicroseconds(wait), _time, cancellationToken).ConfigureAwait(false);
            return TimeSlotLease.Acquired;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private RedisValue[] Arguments(int permits, long maxWaitMicroseconds) =>
    [
        _microsecondsPerPermit.ToString("R", CultureInfo.InvariantCulture),
        permits,
        maxWaitMicroseconds,
    ];

    private bool Granted(long wait)
    {
        if (wait < 0)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }

        Interlocked.Increment(ref _acquired);
        Interlocked.Exchange(ref _lastAcquiredTimestamp, _time.GetTimestamp());
        return true;
    }
}
