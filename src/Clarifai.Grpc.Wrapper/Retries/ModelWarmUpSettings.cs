namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// How long a call waits for a cold model. A model that is deploying, loading or busy answers 21351, 21355 or 21354
/// for as long as it takes to start — minutes for a large model — so those answers are not spent from the call's
/// retry attempts or deadline: the call is sent again, each attempt with a fresh <see cref="ClarifaiClientOptions.Timeout"/>,
/// until the model answers or <see cref="MaxWait"/> has passed since its first cold answer. Immutable.
/// </summary>
/// <remarks>
/// Each wait is logged at Information with the model and the time waited so far. Only calls that may be sent twice
/// wait (predictions, generation, reads); a cold answer to a create such as PostModelVersions is thrown at once.
/// <see cref="Disabled"/> hands cold answers to the ordinary retry rule (<see cref="RetrySettings"/>) instead.
/// </remarks>
public sealed record ModelWarmUpSettings
{
    /// <summary>The defaults: wait up to 10 minutes (as Clarifai's Python SDK does), polling from 1 s up to every 10 s. A new instance each time.</summary>
    public static ModelWarmUpSettings Default => new();

    /// <summary>No warm-up budget: cold-model answers are retried like any transient failure, within the call's attempts and deadline.</summary>
    public static ModelWarmUpSettings Disabled => new() { MaxWait = TimeSpan.Zero };

    /// <summary>
    /// How long after a model's first cold answer the call keeps trying. Zero disables the warm-up budget; at most 24 days;
    /// default 10 minutes.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The upper bound of the first wait. Positive, at most 24 days; default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest upper bound of a wait. At least <see cref="InitialDelay"/>, at most 24 days; default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The factor by which the bound grows after each wait. At least 1; default 1.5.</summary>
    public double Multiplier { get; init; } = 1.5;

    /// <summary>How each wait is drawn below its bound; default <see cref="RetryJitter.Full"/>, so a fleet waiting for one model spreads out.</summary>
    public RetryJitter Jitter { get; init; } = RetryJitter.Full;

    /// <summary>Whether cold-model answers get this budget (rather than the ordinary retry rule).</summary>
    public bool IsEnabled => MaxWait > TimeSpan.Zero;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Jitter"/> is null.</exception>
    public void Validate()
    {
        if (MaxWait != TimeSpan.Zero) Guard.Wait(MaxWait, nameof(MaxWait));
        Guard.Wait(InitialDelay, nameof(InitialDelay));
        Guard.Wait(MaxDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        Guard.Multiplier(Multiplier, nameof(Multiplier));
        ArgumentNullException.ThrowIfNull(Jitter, nameof(Jitter));
    }

    /// <summary>
    /// The wait before sending again after cold answer number <paramref name="round"/> (1 for the first), when
    /// <paramref name="waited"/> has passed since the first; <see langword="null"/> when the wait would end past <see cref="MaxWait"/>.
    /// </summary>
    internal TimeSpan? DelayAfter(int round, TimeSpan waited)
    {
        var delay = Jitter.Apply(ExponentialBackoff.Delay(InitialDelay, Multiplier, MaxDelay, round));
        return waited + delay > MaxWait ? null : delay;
    }
}
