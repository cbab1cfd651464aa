using System.Globalization;
using Clarifai.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The call pipeline under every service method, composed of one small layer per job:
/// <see cref="TelemetryLayer"/> → <see cref="ModelWarmUpLayer"/> → <see cref="RetryLayer"/> → (<see cref="RateLimitLayer"/>) → <see cref="StatusTranslationLayer"/> →
/// <see cref="TransportLayer"/> (over the credentials layer, <see cref="ClarifaiCallInvoker"/>). It sets the one
/// deadline of each logical call and the default <c>user_app_id</c>. Thread-safe; one per client.
/// </summary>
/// <remarks>
/// Requests given to <c>CallAsync</c> belong to the pipeline (the services build them): the default
/// <c>user_app_id</c> is set on them in place, so the credentials layer need not copy them.
/// </remarks>
internal sealed class ClarifaiCallExecutor
{
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly UserAppIDSet? _userAppId;
    private readonly UnaryLayer _pipeline;

    public ClarifaiCallExecutor(V2.V2Client client, ClarifaiClientOptions options, UserAppIDSet? userAppId, ILogger? logger)
        : this(client, new RetryPolicy(options.Retry), options.ModelWarmUp, options.RateLimiter, options.InputRateLimiter, options.Timeout, options.TimeProvider, userAppId, logger ?? NullLogger.Instance)
    {
    }

    private ClarifaiCallExecutor(V2.V2Client client, RetryPolicy retry, ModelWarmUpSettings warmUp, System.Threading.RateLimiting.RateLimiter? rateLimiter, System.Threading.RateLimiting.RateLimiter? inputRateLimiter, TimeSpan timeout, TimeProvider time, UserAppIDSet? userAppId, ILogger logger)
    {
        Client = client;
        Retry = retry;
        WarmUp = warmUp;
        _timeout = timeout;
        Time = time;
        _userAppId = userAppId;
        _logger = logger;
        _pipeline = new TelemetryLayer(time, logger)
        {
            Next = new ModelWarmUpLayer(time, logger)
            {
                Next = new RetryLayer(retry, time, logger)
                {
                    Next = RateLimitLayer.Over(new StatusTranslationLayer { Next = new TransportLayer(client) }, rateLimiter, inputRateLimiter),
                },
            },
        };
    }

    /// <summary>The generated client, with the credentials layer under it.</summary>
    public V2.V2Client Client { get; }

    /// <summary>The clock and timers everything in the client waits on; tests replace it so that nothing really sleeps.</summary>
    public TimeProvider Time { get; }

    /// <summary>The retry rule of this client.</summary>
    public RetryPolicy Retry { get; }

    /// <summary>The retry rule of a call: the settings', else the client's.</summary>
    public RetryPolicy RetryOf(CallSettings? settings) => settings?.Retry is { } retry ? new RetryPolicy(retry) : Retry;

    /// <summary>How long this client's calls wait for a cold model.</summary>
    public ModelWarmUpSettings WarmUp { get; }

    /// <summary>The time a call may take: the settings' timeout, else the client's.</summary>
    public TimeSpan TimeoutOf(CallSettings? settings) => settings?.Timeout ?? _timeout;

    /// <summary>The warm-up budget of a call, or <see langword="null"/> when cold answers take the ordinary retry rule.</summary>
    public ModelWarmUpSettings? WarmUpOf(CallSettings? settings) => (settings?.ModelWarmUp ?? WarmUp) is { IsEnabled: true } warmUp ? warmUp : null;

    /// <summary>The deadline of a call starting now, or <see langword="null"/> when calls have no timeout.</summary>
    public DateTime? DeadlineFromNow(TimeSpan? timeout = null)
    {
        var limit = timeout ?? _timeout;
        return limit == System.Threading.Timeout.InfiniteTimeSpan ? null : (Time.GetUtcNow() + limit).UtcDateTime;
    }

    /// <summary>Sends <paramref name="request"/> through <paramref name="rpc"/> and returns the accepted response.</summary>
    /// <param name="rpc">The RPC.</param>
    /// <param name="request">The request, which the pipeline may complete (it must not be shared).</param>
    /// <param name="cancellationToken">Cancels the call and its retries.</param>
    /// <param name="check">
    /// Refuses an accepted response whose content the caller cannot use (an item that failed where the caller wants
    /// one result): the exception it returns is thrown, and the call is recorded as failed.
    /// </param>
    /// <param name="attempts">Learns what the retries revealed, for callers that interpret the answer in their light.</param>
    /// <param name="settings">This call's settings over the client's (timeout, retry, headers, user and app).</param>
    /// <exception cref="ClarifaiException">Clarifai answered an error, or the transport failed, after any retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CancellationToken cancellationToken, Func<TResponse, ClarifaiException?>? check = null, CallAttempts? attempts = null, CallSettings? settings = null)
        where TRequest : class
        where TResponse : class
    {
        settings?.Validate();
        Address(request, settings);
        return _pipeline.SendAsync(new UnaryInvocation<TRequest, TResponse>(rpc, request, DeadlineFromNow(settings?.Timeout), cancellationToken)
        {
            Timeout = TimeoutOf(settings),
            WarmUp = WarmUpOf(settings),
            Check = check,
            Attempts = attempts,
            Retry = settings?.Retry is null ? null : RetryOf(settings),
            Headers = Headers(settings),
        });
    }

    /// <summary>Sets the default <c>user_app_id</c> — the settings' app, else the client's — on a request the pipeline owns.</summary>
    public void Address(object request, CallSettings? settings)
    {
        var userAppId = settings is { UserId: { } user, AppId: { } app } ? new UserAppIDSet { UserId = user, AppId = app } : _userAppId;
        if (userAppId is not null) UserAppIdDefaulter.ApplyInPlace(request, userAppId);
    }

    /// <summary>The logger of this client.</summary>
    public ILogger Logger => _logger;

    /// <summary>The settings' extra headers as gRPC metadata, or <see langword="null"/>.</summary>
    public static global::Grpc.Core.Metadata? Headers(CallSettings? settings)
    {
        if (settings?.Headers is not { Count: > 0 } headers) return null;
        var metadata = new global::Grpc.Core.Metadata();
        foreach (var (key, value) in headers) metadata.Add(key, value);
        return metadata;
    }

    /// <summary>Sends a call the caller shaped (deadline, headers): the checked client's entry into the same layers.</summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> invocation)
        where TRequest : class
        where TResponse : class =>
        _pipeline.SendAsync(invocation);

    /// <summary>What a failure is called in logs, retry events and metrics: <c>11005 CONN_THROTTLED</c> or <c>gRPC Unavailable</c>.</summary>
    internal static string Reason(ClarifaiException failure) => failure switch
    {
        ClarifaiTransportException transport => "gRPC " + transport.GrpcStatusCode,
        _ => ((int)failure.Code).ToString(CultureInfo.InvariantCulture) + " " + failure.Status.CodeName,
    };
}
