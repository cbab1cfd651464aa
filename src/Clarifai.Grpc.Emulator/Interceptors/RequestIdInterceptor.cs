using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clarifai.Grpc.Emulator;

/// <summary>Every unary answer carries a <c>req_id</c>, as the API's do — refusals by the inner interceptors included.</summary>
internal sealed class RequestIdInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context).ConfigureAwait(false);
        if (Statuses.Get(response) is { ReqId.Length: 0 } status) status.ReqId = NewId();
        return response;
    }

    public static string NewId() => "emu-" + Guid.NewGuid().ToString("N");
}
