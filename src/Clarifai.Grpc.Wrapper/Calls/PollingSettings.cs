namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// How <see cref="ModelVersionService.WaitForTrainingAsync"/> and <see cref="InputService.WaitForProcessingAsync"/>
/// poll: the first wait is <see cref="InitialDelay"/>, each next one <see cref="Multiplier"/> times longer (as
/// Clarifai's Python SDK does: 0.1 s · 1.3ⁿ), capped at <see cref="MaxDelay"/>, until <see cref="Timeout"/> passes.
/// </summary>
public sealed record PollingSettings
{
    /// <summary>The defaults: 100 ms growing by 1.3 up to 10 s; give up after 30 minutes. A new instance each time.</summary>
    public static PollingSettings Default => new();

    /// <summary>The wait before the first poll. Positive, at most 24 days; default 100 ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The factor by which the wait grows after each poll. At least 1; default 1.3.</summary>
    public double Multiplier { get; init; } = 1.3;

    /// <summary>The longest wait between two polls. At least <see cref="InitialDelay"/>, at most 24 days; default 10 s.</summary>
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
        Guard.Wait(InitialDelay, nameof(InitialDelay));
        Guard.Wait(MaxDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        Guard.Multiplier(Multiplier, nameof(Multiplier));

        Guard.Timeout(Timeout, nameof(Timeout));
    }

    /// <summary>The wait before poll number <paramref name="poll"/> (1 for the first).</summary>
    internal TimeSpan DelayBefore(int poll) => ExponentialBackoff.Delay(InitialDelay, Multiplier, MaxDelay, poll);
}
