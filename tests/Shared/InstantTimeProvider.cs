namespace Clarifai.Grpc.Wrapper.TestSupport;

/// <summary>
/// A clock whose timers fire at once: each timer moves the virtual clock forward by its due time and records it.
/// Retry and polling code waits through <see cref="TimeProvider"/>, so with this provider a test never sleeps yet
/// sees exactly which waits were asked for and how much virtual time passed.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate) return _delays.ToList();
        }
    }

    /// <summary>Moves the clock forward, as time passing between two runs would.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _delays.Add(dueTime);
                _now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoopTimer();
    }

    private sealed class NoopTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
