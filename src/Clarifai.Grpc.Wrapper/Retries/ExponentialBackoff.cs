namespace Clarifai.Grpc.Wrapper;

/// <summary>The one formula behind retry backoffs and polling delays: <c>min(max, initial · multiplierⁿ⁻¹)</c>.</summary>
internal static class ExponentialBackoff
{
    /// <summary>The delay before step <paramref name="step"/> (1 for the first).</summary>
    public static TimeSpan Delay(TimeSpan initial, double multiplier, TimeSpan max, int step)
    {
        var ticks = initial.Ticks * Math.Pow(multiplier, step - 1);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
