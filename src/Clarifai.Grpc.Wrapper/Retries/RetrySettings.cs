namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// How the client retries a failed call: at most <see cref="MaxAttempts"/> sends, with exponential backoff and
/// jitter between them, all within the one deadline of the logical call (<see cref="ClarifaiClientOptions.Timeout"/>).
/// An immutable value: each client keeps its own copy.
/// </summary>
/// <remarks>
/// <para>What is retried is decided in one place for every caller (the unary calls, the uploader and
/// <see cref="ClarifaiException.IsRetryable"/>): gRPC <c>Unavailable</c>, <c>Internal</c> (a reset stream),
/// <c>Aborted</c>, <c>DeadlineExceeded</c> and <c>ResourceExhausted</c> unless the message was too large; and the
/// Clarifai codes for which <see cref="ClarifaiStatusCodes.IsRetryable"/> is true (11003, 11005 throttling;
/// 10030 and the server-side transient codes). A cold model's answers (21351, 21354, 21355: deploying, busy, loading)
/// wait within their own budget, <see cref="ModelWarmUpSettings"/>, unless it is disabled.</para>
/// <para>What is never retried: a call that is not idempotent (PostInputs whose inputs lack client ids,
/// PostModelVersions, PostModels) once it may have reached the server. Such a call is retried only when the server
/// said it refused the request before doing any work (11003, 11005, 40030) or when the connection could not be
/// opened at all, so a retry can never create a second resource.</para>
/// <para>The n-th retry waits <see cref="Jitter"/> applied to
/// <c>min(<see cref="MaxBackoff"/>, <see cref="InitialBackoff"/> · <see cref="BackoffMultiplier"/>ⁿ⁻¹)</c>,
/// and is not made when that wait would end after the call's deadline.</para>
/// </remarks>
public sealed record RetrySettings
{
    /// <summary>The default: 5 attempts, 100 ms initial backoff, doubling, at most 5 s, full jitter. A new instance each time.</summary>
    public static RetrySettings Default => new();

    /// <summary>No retries: every call is sent once. A new instance each time.</summary>
    public static RetrySettings None => new() { MaxAttempts = 1 };

    /// <summary>How many times a call may be sent in all, the first attempt included. 1 to 100; default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The upper bound of the first backoff. Positive, at most 24 days; default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest upper bound of any backoff. At least <see cref="InitialBackoff"/>, at most 24 days; default 5 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The factor by which the bound grows after each retry. At least 1; default 2.</summary>
    public double BackoffMultiplier { get; init; } = 2.0;

    /// <summary>How each wait is drawn below its bound; default <see cref="RetryJitter.Full"/>.</summary>
    public RetryJitter Jitter { get; init; } = RetryJitter.Full;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Jitter"/> is null.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAttempts, 100, nameof(MaxAttempts));
        Guard.Wait(InitialBackoff, nameof(InitialBackoff));
        Guard.Wait(MaxBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        Guard.Multiplier(BackoffMultiplier, nameof(BackoffMultiplier));
        ArgumentNullException.ThrowIfNull(Jitter, nameof(Jitter));
    }

    /// <summary>The upper bound of the wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    internal TimeSpan BackoffCeiling(int retry) => ExponentialBackoff.Delay(InitialBackoff, BackoffMultiplier, MaxBackoff, retry);

    /// <summary>The wait before retry number <paramref name="retry"/>: <see cref="Jitter"/> applied to its ceiling.</summary>
    internal TimeSpan Backoff(int retry) => Jitter.Apply(BackoffCeiling(retry));
}
