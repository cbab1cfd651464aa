using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper.Pipeline;

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
        if (call.WarmUp is not { } warmUp) return await NextAsync(call).ConfigureAwait(false);

        // Made at the first cold answer, like the idempotency check below: most calls never meet a cold model.
        ModelWarmUpBudget? budget = null;
        while (true)
        {
            try
            {
                var response = await NextAsync(call).ConfigureAwait(false);
                if (budget is { WasCold: true } && _logger.IsEnabled(LogLevel.Information))
                {
                    var model = ModelOf(call.Request);
                    LogReady(_logger, call.Rpc.Name, model, budget.Waited.TotalSeconds);
                }

                return response;
            }
            // Only a call that may be sent twice waits: a cold answer to a create (PostModelVersions) is the caller's to judge.
            catch (ClarifaiException failure) when (ClarifaiStatusCodes.IsModelNotReady(failure.Code) && call.Rpc.IsIdempotent(call.Request))
            {
                budget ??= new ModelWarmUpBudget(warmUp, _time);
                // Without a timeout to renew from, the caller's own deadline bounds the warm-up too.
                var reason = FailureReason.Of(failure);
                if (budget.NextWait(call.Rpc.Name, () => ModelOf(call.Request), reason, _logger, call.Timeout is null ? call.Deadline : null) is not { } wait) throw;

                ClarifaiDiagnostics.Retrying(call.Activity, call.Rpc.Name, call.Attempt, reason, wait);
                await Task.Delay(wait, _time, call.CancellationToken).ConfigureAwait(false);
                if (call.Timeout is { } timeout) call.Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : (_time.GetUtcNow() + timeout).UtcDateTime;
                call.Attempt++;
            }
        }
    }

    /// <summary>The model the request is about (its <c>model_id</c> field), for the log; read only on the cold path.</summary>
    internal static string ModelOf(object request) =>
        request is IMessage && MessageProperties.ModelIdGetter(request.GetType()) is { } modelId
            ? modelId(request) ?? "(unknown)"
            : "(unknown)";

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Clarifai {Method}: model {Model} answered after a warm-up of {WaitedSeconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string method, string model, double waitedSeconds);
}
