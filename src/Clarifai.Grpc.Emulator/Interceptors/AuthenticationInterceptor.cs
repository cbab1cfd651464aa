using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The key of every call, unary or streaming: a known personal access token or app-scoped key (kept in the call's
/// state), else the API's refusal — as the answer of a unary call, or as a stream's one message.
/// </summary>
internal sealed class AuthenticationInterceptor : Interceptor
{
    private readonly TenantResolver _tenants;

    public AuthenticationInterceptor(TenantResolver tenants) => _tenants = tenants;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Authenticate(context) is { } refusal ? Task.FromResult(Statuses.Response<TResponse>(refusal)) : continuation(request, context);

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Authenticate(context) is { } refusal) await responseStream.WriteAsync(Statuses.Response<TResponse>(refusal)).ConfigureAwait(false);
        else await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Authenticate(context) is { } refusal) await responseStream.WriteAsync(Statuses.Response<TResponse>(refusal)).ConfigureAwait(false);
        else await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private Clarifai.Api.Status.Status? Authenticate(ServerCallContext context)
    {
        var refusal = _tenants.Authenticate(context.RequestHeaders.GetValue("authorization"), out var appKey);
        if (appKey is not null) CallState.SetAppKey(context, appKey);
        return refusal;
    }
}
