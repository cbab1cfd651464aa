using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Sends the call again after a failure the one <see cref="RetryPolicy"/> calls transient, when the request may be
/// sent twice (<see cref="RpcResendability"/>), after a jittered backoff that must end before the call's one deadline,
/// unless the caller's gate (<see cref="CallAttempts.MaySendAgain"/>) says no.
/// </summary>
internal sealed partial class RetryLayer : UnaryLayer
{
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RetryLayer(RetryPolicy policy, TimeProvider time, ILogger logger)
    {
        _policy = policy;
        _time = time;
        _logger = logger;
    }

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        // Decided at the first failure: a PostInputs checks every input's id, and most calls succeed at once.
        bool? idempotent = null;

        // Counted here, not from call.Attempt: a warm-up round above starts a fresh set of attempts.
        var attempt = 1;
        while (true)
        {
            call.CancellationToken.ThrowIfCancellationRequested();
            call.Attempts?.Sending(_time.GetUtcNow());
            try
            {
                return await NextAsync(call).ConfigureAwait(false);
            }
            catch (ClarifaiException failure)
            {
                call.Attempts?.Failed(failure);

                // A cold model's answers have their own budget, one layer up.
                if (call.WarmUp is not null && ClarifaiStatusCodes.IsModelNotReady(failure.Code)) throw;

                if (!RetryPolicy.MayRetry(failure, idempotent ??= call.Rpc.IsIdempotent(call.Request))) throw;
                var delay = (call.Retry ?? _policy).DelayAfter(attempt, call.Deadline is { } d ? d - _time.GetUtcNow().UtcDateTime : null);
                if (delay is not { } wait) throw;

                var reason = FailureReason.Of(failure);
                if (_logger.IsEnabled(LogLevel.Warning)) LogRetrying(_logger, call.Rpc.Name, reason, call.Attempt, wait.TotalMilliseconds);
                ClarifaiDiagnostics.Retrying(call.Activity, call.Rpc.Name, call.Attempt, reason, wait);
                await Task.Delay(wait, _time, call.CancellationToken).ConfigureAwait(false);

                // The caller's gate (the uploader's circuit breaker, open after a run of transport failures) may stop here.
                if (call.Attempts?.MaySendAgain is { } gate && !gate()) throw;
                call.Attempt++;
                attempt++;
            }
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Clarifai {Method} answered {Reason} on attempt {Attempt}; retrying in {DelayMs:0} ms")]
    internal static partial void LogRetrying(ILogger logger, string method, string reason, int attempt, double delayMs);
}
