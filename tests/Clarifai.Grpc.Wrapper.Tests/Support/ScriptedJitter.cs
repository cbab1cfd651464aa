namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>A jitter that takes the given fractions of the ceilings, in turn.</summary>
internal sealed class ScriptedJitter(params double[] fractions) : RetryJitter
{
    private readonly Queue<double> _fractions = new(fractions);

    public override TimeSpan Apply(TimeSpan ceiling)
    {
        lock (_fractions) return TimeSpan.FromTicks((long)(ceiling.Ticks * _fractions.Dequeue()));
    }
}
