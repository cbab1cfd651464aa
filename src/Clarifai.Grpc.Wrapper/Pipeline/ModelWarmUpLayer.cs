using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Waits for a cold model: a call answered 21351/21354/21355 (deploying, busy, loading) is sent again after a backoff,
/// with a fresh deadline, until the model answers or the <see cref="ModelWarmUpSettings.MaxWait"/> after its first cold
/// answer has passed. Above the retry layer, so the retries' attempts and deadline are per warm-up round.
/// </summary>
internal sealed partial class ModelWarmUpLayer : UnaryLayer
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ModelWarmUpLayer(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        // Only a call that may be sent twice waits: a cold answer to a create (PostModelVersions) is the caller's to judge.
        if (call.WarmUp is not { } warmUp || !call.Rpc.IsIdempotent(call.Request)) return await NextAsync(call).ConfigureAwait(false);

        long? coldSince = null;
        for (var round = 1; ; round++)
        {
            try
            {
                var response = await NextAsync(call).ConfigureAwait(false);
                if (coldSince is { } since && _logger.IsEnabled(LogLevel.Information))
                {
                    var model = ModelOf(call.Request);
                    var seconds = _time.GetElapsedTime(since).TotalSeconds;
                    LogReady(_logger, call.Rpc.Name, model, seconds);
                }

                return response;
            }
            catch (ClarifaiException failure) when (ClarifaiStatusCodes.IsModelNotReady(failure.Code))
            {
                coldSince ??= _time.GetTimestamp();
                var waited = _time.GetElapsedTime(coldSince.Value);
                var delay = warmUp.DelayAfter(round, waited);

                // Without a timeout to renew from, the caller's own deadline bounds the warm-up too.
                if (delay is { } d && call.Timeout is null && call.Deadline is { } deadline && _time.GetUtcNow().UtcDateTime + d >= deadline) delay = null;
                if (delay is not { } wait) throw;

                var reason = ClarifaiCallExecutor.Reason(failure);
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    var model = ModelOf(call.Request);
                    LogWaiting(_logger, call.Rpc.Name, model, reason, waited.TotalSeconds, wait.TotalSeconds, warmUp.MaxWait.TotalSeconds);
                }

                ClarifaiDiagnostics.Retrying(call.Activity, call.Rpc.Name, call.Attempt, reason, wait);
                await Task.Delay(wait, _time, call.CancellationToken).ConfigureAwait(false);
                if (call.Timeout is { } timeout) call.Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : (_time.GetUtcNow() + timeout).UtcDateTime;
                call.Attempt++;
            }
        }
    }

    /// <summary>The model the request is about (its <c>model_id</c> field), for the log; read only on the cold path.</summary>
    internal static string ModelOf(object request) =>
        request is IMessage message && message.Descriptor.FindFieldByName("model_id") is { FieldType: FieldType.String } field
            ? (string)field.Accessor.GetValue(message)
            : "(unknown)";

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Clarifai {Method}: model {Model} is not ready ({Reason}); waited {WaitedSeconds:0.0} s of {MaxWaitSeconds:0} s, trying again in {DelaySeconds:0.0} s")]
    internal static partial void LogWaiting(ILogger logger, string method, string model, string reason, double waitedSeconds, double delaySeconds, double maxWaitSeconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Clarifai {Method}: model {Model} answered after a warm-up of {WaitedSeconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string method, string model, double waitedSeconds);
}
