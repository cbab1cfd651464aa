using System.Diagnostics;
using System.Globalization;
using Clarifai.Api;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The call pipeline under every service method: one deadline per logical call, retries as the one
/// <see cref="RetryPolicy"/> decides, cancellation, the translation of the response's Clarifai status into a result or
/// an exception, and telemetry that records what the caller sees. Thread-safe; one per client.
/// </summary>
/// <remarks>
/// Requests given to <see cref="CallAsync"/> belong to the pipeline (the services build them): the default
/// <c>user_app_id</c> is set on them in place, so the credentials layer need not copy them.
/// </remarks>
internal sealed partial class ClarifaiCallExecutor
{
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly UserAppIDSet? _userAppId;

    public ClarifaiCallExecutor(V2.V2Client client, ClarifaiClientOptions options, UserAppIDSet? userAppId, ILogger? logger)
        : this(client, new RetryPolicy(options.Retry), options.Timeout, options.TimeProvider, userAppId, logger ?? NullLogger.Instance)
    {
    }

    private ClarifaiCallExecutor(V2.V2Client client, RetryPolicy retry, TimeSpan timeout, TimeProvider time, UserAppIDSet? userAppId, ILogger logger)
    {
        Client = client;
        Retry = retry;
        _timeout = timeout;
        Time = time;
        _userAppId = userAppId;
        _logger = logger;
    }

    /// <summary>The generated client, with the credentials layer under it.</summary>
    public V2.V2Client Client { get; }

    /// <summary>The clock and timers everything in the client waits on; tests replace it so that nothing really sleeps.</summary>
    public TimeProvider Time { get; }

    /// <summary>The retry rule of this client.</summary>
    public RetryPolicy Retry { get; }

    /// <summary>
    /// The same pipeline, each call sent once, for callers with a retry loop of their own (the uploader retries per
    /// input and per batch, under the same <see cref="RetryPolicy"/> rule, and must see every failure).
    /// </summary>
    public ClarifaiCallExecutor WithoutRetries() => new(Client, new RetryPolicy(RetrySettings.None), _timeout, Time, _userAppId, _logger);

    /// <summary>Sends <paramref name="request"/> through <paramref name="rpc"/> and returns the accepted response.</summary>
    /// <param name="rpc">The RPC.</param>
    /// <param name="request">The request, which the pipeline may complete (it must not be shared).</param>
    /// <param name="cancellationToken">Cancels the call and its retries.</param>
    /// <param name="check">
    /// Refuses an accepted response whose content the caller cannot use (an item that failed where the caller wants
    /// one result): the exception it returns is thrown, and the call is recorded as failed.
    /// </param>
    /// <param name="attempts">Learns what the retries revealed, for callers that interpret the answer in their light.</param>
    /// <exception cref="ClarifaiException">Clarifai answered an error, or the transport failed, after any retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CancellationToken cancellationToken, Func<TResponse, ClarifaiException?>? check = null, CallAttempts? attempts = null)
        where TRequest : class
        where TResponse : class
    {
        if (_userAppId is not null) UserAppIdDefaulter.ApplyInPlace(request, _userAppId);
        var started = Time.GetTimestamp();
        DateTime? deadline = _timeout == Timeout.InfiniteTimeSpan ? null : (Time.GetUtcNow() + _timeout).UtcDateTime;
        var idempotent = rpc.IsIdempotent(request);
        using var activity = ClarifaiDiagnostics.StartCall(rpc.Name);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ClarifaiException failure;
            attempts?.Sending(Time.GetUtcNow());
            try
            {
                using var call = rpc.Invoke(Client, request, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
                var response = await call.ResponseAsync.ConfigureAwait(false);
                var status = ClarifaiStatus.FromProto(rpc.StatusOf(response));
                if (rpc.Accepts(status.Code, response))
                {
                    if (check?.Invoke(response) is { } refused)
                    {
                        Failed(activity, rpc.Name, refused, attempt, started);
                        throw refused;
                    }

                    var answeredAfter = Time.GetElapsedTime(started);
                    if (_logger.IsEnabled(LogLevel.Debug)) LogCompleted(_logger, rpc.Name, (int)status.Code, status.RequestId, attempt, answeredAfter.TotalMilliseconds);
                    ClarifaiDiagnostics.CallEnded(activity, rpc.Name, (int)status.Code, status.RequestId, attempt, answeredAfter, failed: false, null);
                    return response;
                }

                failure = ClarifaiExceptionFactory.Create(status, rpc.Name);
            }
            catch (RpcException ex) when (ex.StatusCode == GrpcStatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                ClarifaiDiagnostics.CallEnded(activity, rpc.Name, 0, string.Empty, attempt, Time.GetElapsedTime(started), failed: true, "cancelled");
                throw new OperationCanceledException($"Clarifai {rpc.Name} was cancelled.", ex, cancellationToken);
            }
            catch (RpcException ex)
            {
                failure = ClarifaiExceptionFactory.Transport(ex, rpc.Name, attempt);
            }

            attempts?.Failed(failure);

            // DeadlineExceeded is transient for a new call, but it says this call's one deadline has passed.
            var deadlinePassed = failure is ClarifaiTransportException { GrpcStatusCode: GrpcStatusCode.DeadlineExceeded };
            if (!deadlinePassed && RetryPolicy.MayResend(failure, idempotent) && await BackOffAsync(activity, rpc.Name, attempt, deadline, failure, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            Failed(activity, rpc.Name, failure, attempt, started);
            throw failure;
        }
    }

    /// <summary>What a failure is called in logs, retry events and metrics: <c>11005 CONN_THROTTLED</c> or <c>gRPC Unavailable</c>.</summary>
    internal static string Reason(ClarifaiException failure) => failure switch
    {
        ClarifaiTransportException transport => "gRPC " + transport.GrpcStatusCode,
        _ => ((int)failure.Code).ToString(CultureInfo.InvariantCulture) + " " + failure.Status.CodeName,
    };

    /// <summary>Waits before the next attempt, or says there is none (attempts used up, or the wait would pass the deadline).</summary>
    private async Task<bool> BackOffAsync(Activity? activity, string method, int attempt, DateTime? deadline, ClarifaiException failure, CancellationToken cancellationToken)
    {
        var delay = Retry.DelayAfter(attempt, deadline is { } d ? d - Time.GetUtcNow().UtcDateTime : null);
        if (delay is not { } wait) return false;
        var reason = Reason(failure);
        if (_logger.IsEnabled(LogLevel.Warning)) LogRetrying(_logger, method, reason, attempt, wait.TotalMilliseconds);
        ClarifaiDiagnostics.Retrying(activity, method, attempt, reason, wait);
        await Task.Delay(wait, Time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void Failed(Activity? activity, string method, ClarifaiException failure, int attempts, long started)
    {
        var elapsed = Time.GetElapsedTime(started);
        var reason = Reason(failure);
        if (failure is ClarifaiThrottledException)
        {
            if (_logger.IsEnabled(LogLevel.Warning)) LogThrottled(_logger, method, reason, failure.RequestId, attempts, elapsed.TotalMilliseconds);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogFailed(_logger, method, reason, failure.RequestId, attempts, elapsed.TotalMilliseconds);
        }

        ClarifaiDiagnostics.CallEnded(activity, method, (int)failure.Code, failure.RequestId, attempts, elapsed, failed: true, reason);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Clarifai {Method} answered {StatusCode} (req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogCompleted(ILogger logger, string method, int statusCode, string requestId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Clarifai {Method} answered {Reason} on attempt {Attempt}; retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Clarifai {Method} was throttled ({Reason}, req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogThrottled(ILogger logger, string method, string reason, string requestId, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Clarifai {Method} failed with {Reason} (req_id {RequestId}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string reason, string requestId, int attempts, double elapsedMs);
}
