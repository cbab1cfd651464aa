using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The warm-up of one logical call (unary or streaming): since when its model has answered cold, how many times, and
/// the wait before the next send — the rule <see cref="ModelWarmUpLayer"/> applies to every call kind
/// (streams are opened through it too). Each wait is logged at Information with the model and the time waited so far.
/// </summary>
internal sealed partial class ModelWarmUpBudget
{
    private readonly ModelWarmUpSettings _settings;
    private readonly TimeProvider _time;
    private long? _coldSince;
    private int _rounds;

    public ModelWarmUpBudget(ModelWarmUpSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
    }

    /// <summary>Whether the model has answered cold at least once.</summary>
    public bool WasCold => _coldSince is not null;

    /// <summary>The time since the model's first cold answer.</summary>
    public TimeSpan Waited => _coldSince is { } since ? _time.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>
    /// The wait before sending again after a cold answer, or <see langword="null"/> when it would end past
    /// <see cref="ModelWarmUpSettings.MaxWait"/> — or at or after <paramref name="deadline"/>, a deadline the caller fixed.
    /// </summary>
    public TimeSpan? NextWait(string method, Func<string> model, string reason, ILogger logger, DateTime? deadline = null)
    {
        _coldSince ??= _time.GetTimestamp();
        var waited = Waited;
        var delay = _settings.DelayAfter(++_rounds, waited);
        if (delay is { } d && deadline is { } limit && _time.GetUtcNow().UtcDateTime + d >= limit) delay = null;
        if (delay is { } wait && logger.IsEnabled(LogLevel.Information))
        {
            var name = model();
            LogWaiting(logger, method, name, reason, waited.TotalSeconds, wait.TotalSeconds, _settings.MaxWait.TotalSeconds);
        }

        return delay;
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Clarifai {Method}: model {Model} is not ready ({Reason}); waited {WaitedSeconds:0.0} s of {MaxWaitSeconds:0} s, trying again in {DelaySeconds:0.0} s")]
    private static partial void LogWaiting(ILogger logger, string method, string model, string reason, double waitedSeconds, double delaySeconds, double maxWaitSeconds);
}
