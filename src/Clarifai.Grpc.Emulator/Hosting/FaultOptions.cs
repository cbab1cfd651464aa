namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Faults the emulator injects, for reliability tests and benchmarks. Rates are probabilities in [0, 1] drawn per
/// request (per input for <see cref="InputFailureRate"/>) from one random sequence seeded by <see cref="Seed"/>, so a
/// run with the same seed and the same order of requests sees the same faults.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>No faults.</summary>
    public static FaultOptions None { get; } = new();

    /// <summary>Latency added to every request before it is handled.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The share of requests answered with gRPC <c>Unavailable</c> (before any work is done).</summary>
    public double UnavailableRate { get; init; }

    /// <summary>The share of requests answered with Clarifai status 11005 CONN_THROTTLED (before any work is done).</summary>
    public double ThrottleRate { get; init; }

    /// <summary>
    /// The share of requests that are fully handled (inputs stored, models created) whose answer is then replaced by
    /// gRPC <c>Unavailable</c>: a lost response, the case that makes retries create duplicates unless ids are used.
    /// </summary>
    public double LostResponseRate { get; init; }

    /// <summary>The share of inputs in PostInputs that fail on their own with 30002 INPUT_FAILED (and are not stored).</summary>
    public double InputFailureRate { get; init; }

    /// <summary>At most this many requests per second are served; the rest get 11005. 0 (default) for no cap.</summary>
    public int MaxRequestsPerSecond { get; init; }

    /// <summary>The seed of the random draws. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Whether any fault is configured.</summary>
    public bool Any => Latency > TimeSpan.Zero || UnavailableRate > 0 || ThrottleRate > 0 || LostResponseRate > 0 || InputFailureRate > 0 || MaxRequestsPerSecond > 0;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Latency.Ticks, nameof(Latency));
        CheckRate(UnavailableRate, nameof(UnavailableRate));
        CheckRate(ThrottleRate, nameof(ThrottleRate));
        CheckRate(LostResponseRate, nameof(LostResponseRate));
        CheckRate(InputFailureRate, nameof(InputFailureRate));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRequestsPerSecond);
    }

    private static void CheckRate(double rate, string name)
    {
        if (!(rate >= 0 && rate <= 1)) throw new ArgumentOutOfRangeException(name, rate, "A rate is a probability between 0 and 1.");
    }
}
