using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Turns each attempt's answer into a result or a typed exception, by the one status table: a response whose Clarifai
/// status the RPC accepts is returned (unless the caller's check refuses its content), any other status becomes the
/// exception its category calls for, a gRPC failure a <see cref="ClarifaiTransportException"/>, and a cancellation by
/// the caller an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class StatusTranslationLayer : UnaryLayer
{
    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        TResponse response;
        try
        {
            response = await NextAsync(call).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == GrpcStatusCode.Cancelled && call.CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"Clarifai {call.Rpc.Name} was cancelled.", ex, call.CancellationToken);
        }
        catch (RpcException ex)
        {
            throw ClarifaiExceptionFactory.Transport(ex, call.Rpc.Name, call.Attempt);
        }

        // The typed view is made only for a refusal: an accepted answer allocates nothing here.
        var status = call.Rpc.StatusOf(response);
        var failure = !call.Rpc.Accepts(status?.Code ?? Clarifai.Api.Status.StatusCode.Zero, response) ? ClarifaiExceptionFactory.Create(ClarifaiStatus.FromProto(status), call.Rpc.Name) : call.Check?.Invoke(response);
        if (failure is null) return response;

        // A refused answer that holds a call (an opened stream) is released before the retry layer decides.
        if (response is IAsyncDisposable held) await held.DisposeAsync().ConfigureAwait(false);
        throw failure;
    }
}
