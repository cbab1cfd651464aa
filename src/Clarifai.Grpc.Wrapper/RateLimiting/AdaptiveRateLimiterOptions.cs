namespace Clarifai.Grpc.Wrapper.RateLimiting;

/// <summary>
/// How an <see cref="AdaptiveRateLimiter"/> paces requests: at most <see cref="RequestsPerSecond"/>, halved (by
/// <see cref="DecreaseFactor"/>) on every throttled answer, and raised again by <see cref="IncreaseStep"/> after each
/// <see cref="QuietPeriod"/> without one (additive increase, multiplicative decrease, as TCP does). Immutable.
/// </summary>
public sealed record AdaptiveRateLimiterOptions
{
    /// <summary>The most requests per second, and the rate it starts at. Default 15 (Clarifai's default account limit).</summary>
    public double RequestsPerSecond { get; init; } = 15;

    /// <summary>The rate it never goes below. Default 1 request per second.</summary>
    public double MinimumRequestsPerSecond { get; init; } = 1;

    /// <summary>What the rate is multiplied by on a throttled answer; between 0 and 1 (exclusive). Default 0.5.</summary>
    public double DecreaseFactor { get; init; } = 0.5;

    /// <summary>What the rate grows by after each quiet period, in requests per second. Default 1.</summary>
    public double IncreaseStep { get; init; } = 1;

    /// <summary>How long without a throttled answer before the rate grows a step. Default 5 s.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a decrease, how long further throttled answers are taken as echoes of the old rate (they were sent before
    /// it fell) rather than a reason to fall again — as TCP halves once per round trip. Default 1 s.
    /// </summary>
    public TimeSpan DecreaseCooldown { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many requests may wait for a permit at once; more are refused at once (a failed lease). Default 10,000.</summary>
    public int QueueLimit { get; init; } = 10_000;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        if (!(RequestsPerSecond > 0 && double.IsFinite(RequestsPerSecond))) throw new ArgumentOutOfRangeException(nameof(RequestsPerSecond), RequestsPerSecond, "The rate must be a positive number.");
        if (!(MinimumRequestsPerSecond > 0 && MinimumRequestsPerSecond <= RequestsPerSecond)) throw new ArgumentOutOfRangeException(nameof(MinimumRequestsPerSecond), MinimumRequestsPerSecond, "The minimum rate must be positive and at most RequestsPerSecond.");
        if (!(DecreaseFactor is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(DecreaseFactor), DecreaseFactor, "The decrease factor must be between 0 and 1.");
        if (!(IncreaseStep > 0 && double.IsFinite(IncreaseStep))) throw new ArgumentOutOfRangeException(nameof(IncreaseStep), IncreaseStep, "The increase step must be a positive number.");
        Guard.Wait(QuietPeriod, nameof(QuietPeriod));
        if (DecreaseCooldown != TimeSpan.Zero) Guard.Wait(DecreaseCooldown, nameof(DecreaseCooldown));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueLimit, 0, nameof(QueueLimit));
    }
}
