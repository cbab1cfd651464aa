using Clarifai.Api;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Attaches Clarifai's credentials to every call, in one place: the <c>authorization: Key …</c> header, and the
/// default <c>user_app_id</c> on requests that carry none. Sits between the generated <see cref="V2.V2Client"/> and
/// the channel (or a borrowed <see cref="CallInvoker"/>), so the raw client and our services share it.
/// </summary>
/// <remarks>
/// Request messages are updated in place (only an unset <c>user_app_id</c> is filled). The caller's
/// <see cref="Metadata"/> is never modified: the header goes into a copy.
/// </remarks>
internal sealed class ClarifaiAuthInterceptor : Interceptor
{
    internal const string AuthorizationHeader = "authorization";

    private readonly string _authorizationValue;
    private readonly UserAppIDSet? _userAppId;

    public ClarifaiAuthInterceptor(string apiKey, string? userId, string? appId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _authorizationValue = "Key " + apiKey;
        _userAppId = string.IsNullOrEmpty(userId) && string.IsNullOrEmpty(appId)
            ? null
            : new UserAppIDSet { UserId = userId ?? string.Empty, AppId = appId ?? string.Empty };
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(request), WithAuth(context));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(request), WithAuth(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(request), WithAuth(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithAuth(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithAuth(context));

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ClarifaiAuthInterceptor)}(authorization: Key ***)";

    private TRequest Prepare<TRequest>(TRequest request)
        where TRequest : class
    {
        if (_userAppId is not null) UserAppIdDefaulter.Apply(request, _userAppId);
        return request;
    }

    private ClientInterceptorContext<TRequest, TResponse> WithAuth<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata();
        if (context.Options.Headers is { } existing)
        {
            foreach (var entry in existing)
            {
                // A caller's own authorization header would be ambiguous next to ours; ours wins.
                if (!string.Equals(entry.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase)) headers.Add(entry);
            }
        }

        headers.Add(AuthorizationHeader, _authorizationValue);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
