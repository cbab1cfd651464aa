using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>The bottom of the pipeline: one attempt over the call's generated client (whose invoker is the credentials layer).</summary>
internal sealed class TransportLayer : UnaryLayer
{
    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        using var attempt = call.Rpc.Invoke(call.Client, call.Request, new CallOptions(call.Headers, call.Deadline, call.CancellationToken));
        return await attempt.ResponseAsync.ConfigureAwait(false);
    }
}
