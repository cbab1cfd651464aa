namespace Clarifai.Grpc.Wrapper.Redis;

/// <summary>The settings of a <see cref="RedisRateLimiter"/>: which shared budget, how fast, how long a caller may wait.</summary>
public sealed record RedisRateLimiterOptions
{
    /// <summary>
    /// The Redis key of the shared budget: every limiter given the same key, in any process on any machine, shares one
    /// rate. Name the account (e.g. <c>clarifai:rate:{user_id}</c>), since Clarifai limits accounts. Required.
    /// </summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Permits per second for the whole fleet (a permit is a request, or an input for an input limiter). Required, above 0.</summary>
    public double PermitsPerSecond { get; init; }

    /// <summary>
    /// The longest a caller waits for its turn; a caller whose turn is further away is refused (a failed lease) and
    /// reserves nothing. Default 1 minute. Bounds the queue the way a queue limit does, but for the whole fleet.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key)) throw new ArgumentException("RedisRateLimiterOptions.Key names the shared budget and must not be empty.", nameof(Key));
        if (!double.IsFinite(PermitsPerSecond) || PermitsPerSecond <= 0 || PermitsPerSecond > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(PermitsPerSecond), PermitsPerSecond, "Must be above 0 and at most 1,000,000 permits per second.");
        if (MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, "Must be between zero and one day.");
    }
}
