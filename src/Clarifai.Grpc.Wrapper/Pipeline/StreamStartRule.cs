using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The first-message rule of streaming calls: a stream that fails before its first response has given the caller
/// nothing, so it may be opened again — after a cold model's answer within the warm-up budget
/// (<see cref="ModelWarmUpSettings"/>), after any other transient failure within the retry attempts
/// (<see cref="RetryPolicy"/>), as unary calls are. Once a response has arrived, a failure ends the stream.
/// One per logical streaming call.
/// </summary>
internal sealed class StreamStartRule
{
    private readonly string _method;
    private readonly string _model;
    private readonly RetryPolicy _retry;
    private readonly ModelWarmUpBudget? _warmUp;
    private readonly ILogger _logger;
    private int _transientFailures;

    public StreamStartRule(string method, string model, RetryPolicy retry, ModelWarmUpSettings? warmUp, TimeProvider time, ILogger logger)
    {
        _method = method;
        _model = model;
        _retry = retry;
        _warmUp = warmUp is null ? null : new ModelWarmUpBudget(warmUp, time);
        _logger = logger;
    }

    /// <summary>The attempt under way, 1 for the first.</summary>
    public int Attempt { get; private set; } = 1;

    /// <summary>
    /// The wait before opening the stream again after <paramref name="failure"/> ended attempt <see cref="Attempt"/>
    /// before any response, or <see langword="null"/> when the failure is the caller's.
    /// </summary>
    public TimeSpan? DelayAfter(ClarifaiException failure)
    {
        TimeSpan? delay;
        var reason = ClarifaiCallExecutor.Reason(failure);
        if (_warmUp is not null && ClarifaiStatusCodes.IsModelNotReady(failure.Code))
        {
            delay = _warmUp.NextWait(_method, () => _model, reason, _logger);
        }
        else
        {
            // Streams are only opened for RPCs that change nothing (generation, predictions), so idempotent.
            delay = RetryPolicy.MayRetry(failure, idempotent: true) ? _retry.DelayAfter(++_transientFailures, remaining: null) : null;
            if (delay is { } wait && _logger.IsEnabled(LogLevel.Warning)) RetryLayer.LogRetrying(_logger, _method, reason, Attempt, wait.TotalMilliseconds);
        }

        if (delay is not null)
        {
            ClarifaiDiagnostics.Retrying(null, _method, Attempt, reason, delay.Value);
            Attempt++;
        }

        return delay;
    }
}
