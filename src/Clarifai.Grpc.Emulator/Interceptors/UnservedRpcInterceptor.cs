using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// An RPC the local server does not serve answers gRPC <c>Unimplemented</c> (not a Clarifai status in an empty answer),
/// naming the method and where the served ones are listed — the generated base class says nothing ("12 UNIMPLEMENTED: ").
/// Outermost, so that it sees every kind of call.
/// </summary>
internal sealed class UnservedRpcInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException unserved) when (IsBare(unserved))
        {
            throw Named(context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (RpcException unserved) when (IsBare(unserved))
        {
            throw Named(context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (RpcException unserved) when (IsBare(unserved))
        {
            throw Named(context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (RpcException unserved) when (IsBare(unserved))
        {
            throw Named(context);
        }
    }

    private static bool IsBare(RpcException exception) => exception.StatusCode == StatusCode.Unimplemented && string.IsNullOrEmpty(exception.Status.Detail);

    private static RpcException Named(ServerCallContext context)
    {
        return new RpcException(new Status(StatusCode.Unimplemented, $"The local server does not implement {CallState.MethodOf(context)}; docs/local-server.md lists the RPCs it serves."));
    }
}
