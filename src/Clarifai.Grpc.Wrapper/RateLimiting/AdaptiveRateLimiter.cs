using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarifai.Grpc.Wrapper.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> that paces requests evenly (one every 1/rate seconds) and adapts the rate to Clarifai's
/// answers (<see cref="IRateLimitFeedback"/>): multiplicative decrease on throttling, additive increase after quiet
/// periods (<see cref="AdaptiveRateLimiterOptions"/>). In process: give one instance to every client of an account in
/// this process (<see cref="ClarifaiClientOptions.RateLimiter"/>). Thread-safe; times by a <see cref="TimeProvider"/>.
/// </summary>
/// <example><code>
/// options.RateLimiter = new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = 15 });
/// </code></example>
public sealed partial class AdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    private readonly AdaptiveRateLimiterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private double _rate;
    private DateTimeOffset _nextSlot;
    private DateTimeOffset _lastChange;
    private DateTimeOffset? _lastDecrease;
    private DateTimeOffset? _idleSince;
    private int _waiting;
    private long _acquired;
    private long _failed;

    /// <summary>Creates a limiter.</summary>
    /// <param name="options">The rates; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Logs each change of rate at Information; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public AdaptiveRateLimiter(AdaptiveRateLimiterOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _options = options ?? new AdaptiveRateLimiterOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _rate = _options.RequestsPerSecond;
        _nextSlot = _lastChange = _time.GetUtcNow();
        _idleSince = _nextSlot;
    }

    /// <summary>The current rate, in requests per second.</summary>
    public double CurrentRequestsPerSecond
    {
        get
        {
            lock (_gate) return _rate;
        }
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate) return _idleSince is { } since ? _time.GetUtcNow() - since : null;
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _nextSlot <= _time.GetUtcNow() ? 1 : 0, CurrentQueuedCount = _waiting, TotalSuccessfulLeases = _acquired, TotalFailedLeases = _failed };
        }
    }

    /// <inheritdoc />
    public void OnThrottled()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _lastChange = now;
            if (_lastDecrease is { } last && now - last < _options.DecreaseCooldown) return;
            _lastDecrease = now;
            var before = _rate;
            _rate = Math.Max(_options.MinimumRequestsPerSecond, _rate * _options.DecreaseFactor);
            if (_rate != before) Changed(before, "throttled");
        }
    }

    /// <inheritdoc />
    public void OnAccepted()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_rate >= _options.RequestsPerSecond || now - _lastChange < _options.QuietPeriod) return;
            var before = _rate;
            _rate = Math.Min(_options.RequestsPerSecond, _rate + _options.IncreaseStep);
            _lastChange = now;
            Changed(before, "quiet");
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermits(permitCount);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (permitCount == 0 || _nextSlot > now)
            {
                if (permitCount > 0) _failed++;
                return permitCount == 0 && _nextSlot <= now ? TimeSlotLease.Acquired : TimeSlotLease.Failed;
            }

            Take(now, permitCount);
            return TimeSlotLease.Acquired;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        TimeSpan wait;
        lock (_gate)
        {
            if (_waiting >= _options.QueueLimit)
            {
                _failed++;
                return TimeSlotLease.Failed;
            }

            // Reserve the slot now, so that waiters are served in order and evenly spaced.
            var now = _time.GetUtcNow();
            var slot = _nextSlot > now ? _nextSlot : now;
            wait = slot - now;
            Take(slot, permitCount);
            _waiting++;
        }

        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            return TimeSlotLease.Acquired;
        }
        finally
        {
            lock (_gate) _waiting--;
        }
    }

    /// <summary>Takes <paramref name="permits"/> slots starting at <paramref name="slot"/>. Under the lock.</summary>
    private void Take(DateTimeOffset slot, int permits)
    {
        _nextSlot = slot + TimeSpan.FromSeconds(permits / _rate);
        _idleSince = null;
        _acquired++;
    }

    private void Changed(double before, string reason)
    {
        ClarifaiDiagnostics.RateChanged(_rate);
        if (_logger.IsEnabled(LogLevel.Information)) LogChanged(_logger, before, _rate, reason);
    }

    private static void CheckPermits(int permitCount) => ArgumentOutOfRangeException.ThrowIfNegative(permitCount);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Clarifai request rate {Before:0.##} → {After:0.##} requests/s ({Reason})")]
    private static partial void LogChanged(ILogger logger, double before, double after, string reason);
}
