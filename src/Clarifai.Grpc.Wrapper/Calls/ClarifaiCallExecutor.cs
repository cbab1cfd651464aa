using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using Clarifai.Api;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The call pipeline under every service method: one deadline per logical call, retries with jittered exponential
/// backoff (see <see cref="RetrySettings"/> for the policy), cancellation, and the translation of the response's
/// Clarifai status into a result or an exception. Thread-safe; one per client.
/// </summary>
internal sealed partial class ClarifaiCallExecutor
{
    private readonly RetrySettings _retry;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    public ClarifaiCallExecutor(V2.V2Client client, ClarifaiClientOptions options, SecretRedactor redactor, ILogger? logger)
        : this(client, options.Retry, options.Timeout, options.TimeProvider, redactor, logger ?? NullLogger.Instance)
    {
    }

    private ClarifaiCallExecutor(V2.V2Client client, RetrySettings retry, TimeSpan timeout, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        Client = client;
        _retry = retry;
        _timeout = timeout;
        _time = time;
        _redactor = redactor;
        _logger = logger;
    }

    /// <summary>The generated client, with authentication attached.</summary>
    public V2.V2Client Client { get; }

    /// <summary>The clock and timers everything in the client waits on; tests replace it so that nothing really sleeps.</summary>
    public TimeProvider Time => _time;

    /// <summary>The source of jitter in [0, 1); replaced by tests that check exact backoffs.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// The same pipeline without retries: for callers with a retry loop of their own (the uploader retries per input
    /// and per batch, and must see every failure).
    /// </summary>
    public ClarifaiCallExecutor WithoutRetries() => new(Client, RetrySettings.None, _timeout, _time, _redactor, _logger) { Jitter = Jitter };

    /// <summary>Sends <paramref name="request"/> through <paramref name="rpc"/> and returns the accepted response.</summary>
    /// <exception cref="ClarifaiException">Clarifai answered an error, or the transport failed, after any retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var started = _time.GetTimestamp();
        DateTime? deadline = _timeout == Timeout.InfiniteTimeSpan ? null : (_time.GetUtcNow() + _timeout).UtcDateTime;
        var idempotent = rpc.IsIdempotent(request);
        using var activity = ClarifaiDiagnostics.StartCall(rpc.Name);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TResponse response;
            try
            {
                using var call = rpc.Invoke(Client, request, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
                response = await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == GrpcStatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                ClarifaiDiagnostics.CallEnded(activity, rpc.Name, 0, string.Empty, attempt, _time.GetElapsedTime(started), failed: true, "cancelled");
                throw new OperationCanceledException($"Clarifai {rpc.Name} was cancelled.", ex, cancellationToken);
            }
            catch (RpcException ex)
            {
                var retryable = ex.StatusCode == GrpcStatusCode.Unavailable && (idempotent || NeverSent(ex));
                if (retryable && await BackOffAsync(activity, rpc.Name, attempt, deadline, "gRPC " + ex.StatusCode, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var failedAfter = _time.GetElapsedTime(started);
                LogTransportFailure(rpc.Name, ex, attempt, failedAfter);
                ClarifaiDiagnostics.CallEnded(activity, rpc.Name, 0, string.Empty, attempt, failedAfter, failed: true, "gRPC " + ex.StatusCode);
                throw new ClarifaiTransportException(rpc.Name, attempt, ex);
            }

            var status = ClarifaiStatus.FromProto(rpc.StatusOf(response));
            if (rpc.Accepts(status.Code, response))
            {
                var answeredAfter = _time.GetElapsedTime(started);
                LogOutcome(rpc.Name, status, accepted: true, attempt, answeredAfter);
                ClarifaiDiagnostics.CallEnded(activity, rpc.Name, (int)status.Code, status.RequestId, attempt, answeredAfter, failed: false, null);
                return response;
            }

            var retry = ClarifaiStatusCodes.IsRetryable(status.Code) && (idempotent || ClarifaiStatusCodes.IsRefusedBeforeWork(status.Code));
            if (retry && await BackOffAsync(activity, rpc.Name, attempt, deadline, ((int)status.Code).ToString(CultureInfo.InvariantCulture) + " " + status.CodeName, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var refusedAfter = _time.GetElapsedTime(started);
            LogOutcome(rpc.Name, status, accepted: false, attempt, refusedAfter);
            ClarifaiDiagnostics.CallEnded(activity, rpc.Name, (int)status.Code, status.RequestId, attempt, refusedAfter, failed: true, status.CodeName);
            throw ClarifaiExceptionFactory.Create(_redactor.Redact(status), rpc.Name);
        }
    }

    /// <summary>
    /// Waits before the next attempt, or says there is none: the attempts are used up, or the wait would end after
    /// the deadline.
    /// </summary>
    private async Task<bool> BackOffAsync(Activity? activity, string method, int attempt, DateTime? deadline, string reason, CancellationToken cancellationToken)
    {
        if (attempt >= _retry.MaxAttempts) return false;
        var delay = _retry.Backoff(attempt, Jitter());
        if (deadline is { } d && _time.GetUtcNow().UtcDateTime + delay >= d) return false;
        if (_logger.IsEnabled(LogLevel.Warning)) LogRetrying(_logger, method, reason, attempt, delay.TotalMilliseconds);
        ClarifaiDiagnostics.Retrying(activity, method, attempt, reason, delay);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Whether the failure happened before the request could leave this machine (no connection could be opened), in
    /// which case even a call that is not idempotent may be sent again.
    /// </summary>
    internal static bool NeverSent(RpcException exception)
    {
        for (Exception? e = exception.Status.DebugException ?? exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable }) return true;
        }

        return false;
    }

    private void LogOutcome(string method, ClarifaiStatus status, bool accepted, int attempts, TimeSpan elapsedTime)
    {
        if (!_logger.IsEnabled(accepted ? LogLevel.Debug : LogLevel.Warning)) return;
        var elapsed = elapsedTime.TotalMilliseconds;
        if (accepted)
        {
            LogCompleted(_logger, method, (int)status.Code, status.RequestId, attempts, elapsed);
            return;
        }

        var reason = $"{(int)status.Code} {status.CodeName} req_id {status.RequestId}";
        if (ClarifaiStatusCodes.Categorize(status.Code) == StatusCategory.Throttled) LogThrottled(_logger, method, reason, attempts, elapsed);
        else LogFailed(_logger, method, reason, attempts, elapsed);
    }

    private void LogTransportFailure(string method, RpcException exception, int attempts, TimeSpan elapsedTime)
    {
        if (!_logger.IsEnabled(LogLevel.Debug)) return;
        var reason = "gRPC " + exception.StatusCode;
        var elapsed = elapsedTime.TotalMilliseconds;
        LogFailed(_logger, method, reason, attempts, elapsed);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Clarifai {Method} answered {StatusCode} (req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogCompleted(ILogger logger, string method, int statusCode, string requestId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Clarifai {Method} answered {Reason} on attempt {Attempt}; retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Clarifai {Method} was throttled ({Reason}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogThrottled(ILogger logger, string method, string reason, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Clarifai {Method} failed with {Reason} after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string reason, int attempts, double elapsedMs);
}
