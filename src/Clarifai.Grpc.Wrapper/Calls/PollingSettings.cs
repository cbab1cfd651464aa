namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// How <see cref="ModelVersionService.WaitForTrainingAsync"/> and <see cref="InputService.WaitForProcessingAsync"/>
/// poll: the first wait is <see cref="InitialDelay"/>, each next one <see cref="Multiplier"/> times longer (as
/// Clarifai's Python SDK does: 0.1 s · 1.3ⁿ), capped at <see cref="MaxDelay"/>, until <see cref="Timeout"/> passes.
/// </summary>
public sealed record PollingSettings
{
    /// <summary>The defaults: 100 ms growing by 1.3 up to 10 s; give up after 30 minutes.</summary>
    public static PollingSettings Default { get; } = new();

    /// <summary>The wait before the first poll. Positive; default 100 ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The factor by which the wait grows after each poll. At least 1; default 1.3.</summary>
    public double Multiplier { get; init; } = 1.3;

    /// <summary>The longest wait between two polls. At least <see cref="InitialDelay"/>; default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a wait may take in all when the caller passes no timeout; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// for no limit. Default 30 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        if (!(Multiplier >= 1.0) || double.IsInfinity(Multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "Multiplier must be a finite number of at least 1.");
        }

        Guard.Timeout(Timeout, nameof(Timeout));
    }

    /// <summary>The wait before poll number <paramref name="poll"/> (1 for the first).</summary>
    internal TimeSpan DelayBefore(int poll) => ExponentialBackoff.Delay(InitialDelay, Multiplier, MaxDelay, poll);
}
