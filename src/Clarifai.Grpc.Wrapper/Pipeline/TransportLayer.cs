using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>The bottom of the pipeline: one attempt over the generated client (whose invoker is the credentials layer).</summary>
internal sealed class TransportLayer : UnaryLayer
{
    private readonly Clarifai.Api.V2.V2Client _client;

    public TransportLayer(Clarifai.Api.V2.V2Client client) => _client = client;

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        using var attempt = call.Rpc.Invoke(_client, call.Request, new CallOptions(call.Headers, call.Deadline, call.CancellationToken));
        return await attempt.ResponseAsync.ConfigureAwait(false);
    }
}
