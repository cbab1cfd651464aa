using Clarifai.Api;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The one engine under every call of a client — the services', and every RPC of <see cref="ClarifaiClient.Api"/>,
/// unary or streaming — composed of one small layer per job: <see cref="TelemetryLayer"/> → <see cref="ModelWarmUpLayer"/>
/// → <see cref="RetryLayer"/> → (<see cref="RateLimitLayer"/>) → <see cref="StatusTranslationLayer"/> →
/// <see cref="TransportLayer"/>, over the credentials layer (<see cref="ClarifaiCallInvoker"/>, which sets the default
/// <c>user_app_id</c>, the client's or the call's). Its only job is to turn a call's settings into the per-call
/// <see cref="UnaryInvocation{TRequest, TResponse}"/> the layers share — the one deadline, the retry rule, the warm-up
/// budget, the headers, the credentials — and send it. Thread-safe; one per client.
/// </summary>
internal sealed class ClarifaiCallExecutor
{
    private readonly ClarifaiCallInvoker _credentials;

    /// <summary>The client for requests the services build (the default set in place).</summary>
    private readonly V2.V2Client _client;

    /// <summary>The client for the raw API's calls, whose requests are the caller's (the default set into a copy).</summary>
    private readonly V2.V2Client _callersClient;
    private readonly RetryPolicy _retry;
    private readonly ModelWarmUpSettings _warmUp;
    private readonly TimeSpan _timeout;
    private readonly UnaryLayer _pipeline;

    public ClarifaiCallExecutor(ClarifaiCallInvoker credentials, ClarifaiClientOptions options, ILogger? logger)
    {
        var log = logger ?? NullLogger.Instance;
        _credentials = credentials;
        _client = new V2.V2Client(credentials.ForOwnedRequests());
        _callersClient = new V2.V2Client(credentials);
        _retry = new RetryPolicy(options.Retry);
        _warmUp = options.ModelWarmUp;
        _timeout = options.Timeout;
        Time = options.TimeProvider;
        Server = RpcServer.Of(options.Endpoint);
        _pipeline = new TelemetryLayer(Time, log, Server)
        {
            Next = new ModelWarmUpLayer(Time, log)
            {
                Next = new RetryLayer(_retry, Time, log)
                {
                    Next = RateLimitLayer.Over(new StatusTranslationLayer { Next = new TransportLayer() }, options.RateLimiter, options.InputRateLimiter),
                },
            },
        };
    }

    /// <summary>The server the client calls, as telemetry names it.</summary>
    public RpcServer Server { get; }

    /// <summary>The client's clock: what the services poll and wait on (tests replace it so that nothing really sleeps).</summary>
    public TimeProvider Time { get; }

    /// <summary>Sends <paramref name="request"/> through <paramref name="rpc"/> and returns the accepted response.</summary>
    /// <param name="rpc">The RPC.</param>
    /// <param name="request">A request the library built (not the caller's, not shared): the default <c>user_app_id</c> is set on it in place.</param>
    /// <param name="settings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call and its retries.</param>
    /// <exception cref="ClarifaiException">Clarifai answered an error, or the transport failed, after any retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CallSettings? settings, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class =>
        CallAsync(rpc, request, new CallContext<TResponse>(settings, cancellationToken));

    /// <summary>Sends <paramref name="request"/> through <paramref name="rpc"/> as <paramref name="context"/> says and returns the accepted response.</summary>
    /// <exception cref="ClarifaiException">Clarifai answered an error, the check refused the answer, or the transport failed, after any retries.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CallContext<TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var settings = context.Settings;
        settings?.Validate();
        var timeout = settings?.Timeout ?? _timeout;
        return _pipeline.SendAsync(new UnaryInvocation<TRequest, TResponse>(rpc, request, ClientFor(settings), DeadlineAfter(timeout), context.CancellationToken)
        {
            Timeout = timeout,
            WarmUp = WarmUpOf(settings?.ModelWarmUp ?? _warmUp),
            Check = context.Check,
            Attempts = context.Attempts,
            Retry = settings?.Retry is { } retry ? new RetryPolicy(retry) : null,
            Headers = HeadersOf(settings),
        });
    }

    /// <summary>
    /// Sends a call of <see cref="ClarifaiClient.Api"/>: the caller's <see cref="CallOptions"/> merged over the client's
    /// defaults — the caller's deadline replaces the client's timeout, the caller's headers and token are used as they are.
    /// The request is the caller's: the default <c>user_app_id</c> goes into a copy.
    /// </summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(UnaryRpc<TRequest, TResponse> rpc, TRequest request, CallOptions options, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class =>
        _pipeline.SendAsync(new UnaryInvocation<TRequest, TResponse>(rpc, request, _callersClient, DeadlineOf(options), cancellationToken)
        {
            Headers = options.Headers,
            Timeout = options.Deadline is null ? _timeout : null,
            WarmUp = WarmUpOf(_warmUp),
        });

    /// <summary>The deadline of a call of <see cref="ClarifaiClient.Api"/> starting now: the caller's, else the client's timeout from now.</summary>
    public DateTime? DeadlineOf(CallOptions options) => options.Deadline ?? DeadlineAfter(_timeout);

    /// <summary>
    /// The generated client a call goes out with: the client's own, or — when the call's settings name another user and
    /// app — one whose credentials layer defaults to them.
    /// </summary>
    private V2.V2Client ClientFor(CallSettings? settings) =>
        settings is { UserId: { } user, AppId: { } app }
            ? new V2.V2Client(_credentials.ForOwnedRequests(new UserAppIDSet { UserId = user, AppId = app }))
            : _client;

    /// <summary>The deadline of a call starting now, or <see langword="null"/> when calls have no timeout.</summary>
    private DateTime? DeadlineAfter(TimeSpan timeout) =>
        timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : (Time.GetUtcNow() + timeout).UtcDateTime;

    private static ModelWarmUpSettings? WarmUpOf(ModelWarmUpSettings warmUp) => warmUp.IsEnabled ? warmUp : null;

    /// <summary>The settings' extra headers as gRPC metadata, or <see langword="null"/>.</summary>
    private static Metadata? HeadersOf(CallSettings? settings)
    {
        if (settings?.Headers is not { Count: > 0 } headers) return null;
        var metadata = new Metadata();
        foreach (var (key, value) in headers) metadata.Add(key, value);
        return metadata;
    }
}
