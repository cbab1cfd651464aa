using Clarifai.Api;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The credentials layer, in one place: it attaches the <c>authorization: Key …</c> header and the default
/// <c>user_app_id</c> to every call, and it removes the key from everything the server sends back (responses, stream
/// messages, gRPC statuses, headers, trailers). Wraps the channel's (or a borrowed) <see cref="CallInvoker"/> under
/// the generated <see cref="V2.V2Client"/>, so the raw client and our services share it.
/// </summary>
/// <remarks>
/// <para>A <see cref="CallInvoker"/> decorator rather than an <c>Interceptor</c>: the same effect with fewer
/// allocations per call (no interceptor context and continuation delegates), which the unary overhead benchmark
/// measures.</para>
/// <para>The caller's request and <see cref="Metadata"/> are never modified: a request without <c>user_app_id</c>
/// is copied before the default goes in, and the header goes into a copy of the metadata. Only the instance for the
/// library's own requests (<see cref="ForOwnedRequests"/>) sets the default in place.</para>
/// </remarks>
internal sealed class ClarifaiCallInvoker : CallInvoker
{
    internal const string AuthorizationHeader = "authorization";

    private readonly CallInvoker _inner;
    private readonly Metadata.Entry _authorization;
    private readonly UserAppIDSet? _userAppId;
    private readonly SecretScrubber _scrubber;

    /// <summary>Whether every request reaching this instance was built by the library (the engine's), so the default may be set in place.</summary>
    private readonly bool _requestsOwned;

    /// <summary>Set when the inner invoker is a channel's: responses are checked as they are decoded, not walked after.</summary>
    private readonly ScrubbingMarshallers? _onArrival;

    /// <param name="inner">The channel's invoker, or a borrowed one.</param>
    /// <param name="apiKey">The key.</param>
    /// <param name="userId">The default user, if any.</param>
    /// <param name="appId">The default app, if any.</param>
    /// <param name="overChannel">
    /// Whether <paramref name="inner"/> is a channel's own invoker, which decodes every response with the method's
    /// marshaller; a borrowed invoker (a mock, an interceptor chain) may hand back messages it never decoded, so their
    /// fields are walked instead.
    /// </param>
    public ClarifaiCallInvoker(CallInvoker inner, string apiKey, string? userId, string? appId, bool overChannel = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Guard.ApiKey(apiKey, nameof(apiKey));
        if (userId is not null) Guard.Id(userId, nameof(userId), "user id");
        if (appId is not null) Guard.Id(appId, nameof(appId), "app id");
        _inner = inner;
        _authorization = new Metadata.Entry(AuthorizationHeader, "Key " + apiKey);
        _scrubber = new SecretScrubber(apiKey);
        _onArrival = overChannel ? new ScrubbingMarshallers(_scrubber) : null;
        _userAppId = string.IsNullOrEmpty(userId) && string.IsNullOrEmpty(appId)
            ? null
            : new UserAppIDSet { UserId = userId ?? string.Empty, AppId = appId ?? string.Empty };
    }

    private ClarifaiCallInvoker(ClarifaiCallInvoker other, UserAppIDSet? userAppId, bool requestsOwned)
    {
        _inner = other._inner;
        _authorization = other._authorization;
        _scrubber = other._scrubber;
        _onArrival = other._onArrival;
        _userAppId = userAppId;
        _requestsOwned = requestsOwned;
    }

    /// <summary>The default <c>user_app_id</c>, if the client has one.</summary>
    internal UserAppIDSet? DefaultUserAppId => _userAppId;

    /// <summary>
    /// The same layer (same transport, key and scrubbing) for the requests the library builds itself — the services',
    /// through the engine — with the client's default <c>user_app_id</c>, or another: the one a call's
    /// <see cref="CallSettings.UserId"/> and <see cref="CallSettings.AppId"/> name. So every default is set here, by one
    /// rule, for every kind of call. Such requests are never the caller's and are not shared, so the default is set in
    /// place instead of into a copy (a copy of a 128-input PostInputs costs kilobytes per input).
    /// </summary>
    internal ClarifaiCallInvoker ForOwnedRequests(UserAppIDSet? userAppId = null) => new(this, userAppId ?? _userAppId, requestsOwned: true);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        try
        {
            var response = _inner.BlockingUnaryCall(Checked(method), host, WithAuth(options), WithDefaults(request));
            return _onArrival is null ? _scrubber.Scrub(response) : response;
        }
        catch (RpcException e)
        {
            throw _scrubber.Scrub(e);
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        AsyncUnaryCall<TResponse> call;
        try
        {
            call = _inner.AsyncUnaryCall(Checked(method), host, WithAuth(options), WithDefaults(request));
        }
        catch (RpcException e)
        {
            // An invoker that fails at once (a mock, a custom transport) has its exception scrubbed too.
            throw _scrubber.Scrub(e);
        }

        return new AsyncUnaryCall<TResponse>(_scrubber.ScrubAsync(call.ResponseAsync, checkedOnArrival: _onArrival is not null), ScrubbedCallState.Headers, ScrubbedCallState.Status, ScrubbedCallState.Trailers, ScrubbedCallState.Dispose, ScrubbedCallState.Of(call, _scrubber));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        AsyncServerStreamingCall<TResponse> call;
        try
        {
            call = _inner.AsyncServerStreamingCall(Checked(method), host, WithAuth(options), WithDefaults(request));
        }
        catch (RpcException e)
        {
            // An invoker that fails at once (a mock, a custom transport) has its exception scrubbed too.
            throw _scrubber.Scrub(e);
        }

        return new AsyncServerStreamingCall<TResponse>(new ScrubbingStreamReader<TResponse>(call.ResponseStream, _scrubber, checkedOnArrival: _onArrival is not null), ScrubbedCallState.Headers, ScrubbedCallState.Status, ScrubbedCallState.Trailers, ScrubbedCallState.Dispose, ScrubbedCallState.Of(call, _scrubber));
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        AsyncClientStreamingCall<TRequest, TResponse> call;
        try
        {
            call = _inner.AsyncClientStreamingCall(Checked(method), host, WithAuth(options));
        }
        catch (RpcException e)
        {
            // An invoker that fails at once (a mock, a custom transport) has its exception scrubbed too.
            throw _scrubber.Scrub(e);
        }

        return new AsyncClientStreamingCall<TRequest, TResponse>(WithDefaults(call.RequestStream), _scrubber.ScrubAsync(call.ResponseAsync, checkedOnArrival: _onArrival is not null), ScrubbedCallState.Headers, ScrubbedCallState.Status, ScrubbedCallState.Trailers, ScrubbedCallState.Dispose, ScrubbedCallState.Of(call, _scrubber));
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        AsyncDuplexStreamingCall<TRequest, TResponse> call;
        try
        {
            call = _inner.AsyncDuplexStreamingCall(Checked(method), host, WithAuth(options));
        }
        catch (RpcException e)
        {
            // An invoker that fails at once (a mock, a custom transport) has its exception scrubbed too.
            throw _scrubber.Scrub(e);
        }

        return new AsyncDuplexStreamingCall<TRequest, TResponse>(WithDefaults(call.RequestStream), new ScrubbingStreamReader<TResponse>(call.ResponseStream, _scrubber, checkedOnArrival: _onArrival is not null), ScrubbedCallState.Headers, ScrubbedCallState.Status, ScrubbedCallState.Trailers, ScrubbedCallState.Dispose, ScrubbedCallState.Of(call, _scrubber));
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ClarifaiCallInvoker)}(authorization: Key {SecretScrubber.Mask})";

    private Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
        _onArrival is null ? method : _onArrival.For(method);

    private TRequest WithDefaults<TRequest>(TRequest request)
        where TRequest : class =>
        _userAppId is null ? request : _requestsOwned ? UserAppIdDefaulter.InPlace(request, _userAppId) : UserAppIdDefaulter.WithDefault(request, _userAppId);

    /// <summary>A request stream whose every message gets the default too (each copied only when it needs it).</summary>
    private IClientStreamWriter<TRequest> WithDefaults<TRequest>(IClientStreamWriter<TRequest> requests)
        where TRequest : class =>
        _userAppId is null ? requests : new DefaultingStreamWriter<TRequest>(requests, _userAppId, _requestsOwned);

    private CallOptions WithAuth(CallOptions options)
    {
        var headers = new Metadata();
        if (options.Headers is { } existing)
        {
            foreach (var entry in existing)
            {
                // A caller's own authorization header would be ambiguous next to ours; ours wins.
                if (!string.Equals(entry.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)) headers.Add(entry);
            }
        }

        headers.Add(_authorization);
        return options.WithHeaders(headers);
    }
}
