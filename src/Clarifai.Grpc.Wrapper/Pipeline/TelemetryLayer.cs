using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Records each logical call as the caller saw it: one activity, the calls/failures/duration metrics, and a log line
/// (Debug for calls, Warning for throttling) — after the retries, so a call that ends in an exception is a failed call.
/// A call that opens a stream (<see cref="IStreamOpening"/>) is not over when it returns: its activity and start time
/// are handed to the stream, which ends them once (<see cref="StreamCallTelemetry"/>).
/// </summary>
internal sealed partial class TelemetryLayer : UnaryLayer
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RpcServer _server;

    public TelemetryLayer(TimeProvider time, ILogger logger, RpcServer server)
    {
        _time = time;
        _logger = logger;
        _server = server;
    }

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        var started = _time.GetTimestamp();
        var activity = ClarifaiDiagnostics.StartCall(call.Rpc.Name, _server);
        call.Activity = activity;
        var handedOver = false;
        try
        {
            var response = await NextAsync(call).ConfigureAwait(false);
            if (response is IStreamOpening stream)
            {
                stream.ContinueWith(new StreamCallTelemetry(call.Rpc.Name, _server, _time, activity, started, call.Attempt));
                handedOver = true;
                return response;
            }

            // Read from the proto, not through a ClarifaiStatus view: nothing is allocated for a call nobody watches.
            var status = call.Rpc.StatusOf(response);
            var code = (int)(status?.Code ?? 0);
            var requestId = status?.ReqId ?? string.Empty;
            var elapsed = _time.GetElapsedTime(started);
            if (_logger.IsEnabled(LogLevel.Debug)) LogCompleted(_logger, call.Rpc.Name, code, requestId, call.Attempt, elapsed.TotalMilliseconds);
            ClarifaiDiagnostics.CallEnded(activity, call.Rpc.Name, _server, call.Attempt, elapsed, CallOutcome.Answered(code, requestId));
            return response;
        }
        catch (ClarifaiException failure)
        {
            var elapsed = _time.GetElapsedTime(started);
            var reason = FailureReason.Of(failure);
            if (failure is ClarifaiThrottledException)
            {
                if (_logger.IsEnabled(LogLevel.Warning)) LogThrottled(_logger, call.Rpc.Name, reason, failure.RequestId, call.Attempt, elapsed.TotalMilliseconds);
            }
            else if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogFailed(_logger, call.Rpc.Name, reason, failure.RequestId, call.Attempt, elapsed.TotalMilliseconds);
            }

            ClarifaiDiagnostics.CallEnded(activity, call.Rpc.Name, _server, call.Attempt, elapsed, CallOutcome.Of(failure));
            throw;
        }
        catch (OperationCanceledException)
        {
            ClarifaiDiagnostics.CallEnded(activity, call.Rpc.Name, _server, call.Attempt, _time.GetElapsedTime(started), CallOutcome.Cancelled);
            throw;
        }
        catch (Exception other)
        {
            // Neither Clarifai's nor a cancellation: a caller's request source that failed, a bug. Still one ended call.
            ClarifaiDiagnostics.CallEnded(activity, call.Rpc.Name, _server, call.Attempt, _time.GetElapsedTime(started), CallOutcome.Crashed(other));
            throw;
        }
        finally
        {
            if (!handedOver) activity?.Dispose();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Clarifai {Method} answered {StatusCode} (req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogCompleted(ILogger logger, string method, int statusCode, string requestId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Clarifai {Method} was throttled ({Reason}, req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogThrottled(ILogger logger, string method, string reason, string requestId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Clarifai {Method} failed with {Reason} (req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string reason, string requestId, int attempts, double elapsedMs);
}
