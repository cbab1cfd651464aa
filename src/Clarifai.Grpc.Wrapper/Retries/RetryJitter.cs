namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// How a retry's wait is drawn below its ceiling (<see cref="RetrySettings"/>): <see cref="Full"/> (a random wait
/// between zero and the ceiling, the default, so that many clients failing together do not retry together) or
/// <see cref="None"/> (exactly the ceiling, for tests that check the waits).
/// </summary>
public abstract class RetryJitter
{
    /// <summary>For derived types.</summary>
    protected RetryJitter()
    {
    }

    /// <summary>A random wait between zero and the ceiling ("full jitter"). Thread-safe.</summary>
    public static RetryJitter Full { get; } = new FullJitter();

    /// <summary>No jitter: every wait is its ceiling.</summary>
    public static RetryJitter None { get; } = new NoJitter();

    /// <summary>The wait to use for a backoff whose upper bound is <paramref name="ceiling"/>.</summary>
    /// <param name="ceiling">The upper bound, never negative.</param>
    /// <returns>A wait between zero and <paramref name="ceiling"/>.</returns>
    public abstract TimeSpan Apply(TimeSpan ceiling);

    private sealed class FullJitter : RetryJitter
    {
        public override TimeSpan Apply(TimeSpan ceiling) => TimeSpan.FromTicks((long)(ceiling.Ticks * Random.Shared.NextDouble()));

        public override string ToString() => nameof(Full);
    }

    private sealed class NoJitter : RetryJitter
    {
        public override TimeSpan Apply(TimeSpan ceiling) => ceiling;

        public override string ToString() => nameof(None);
    }
}
