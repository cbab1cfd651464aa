using Clarifai.Api;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// An in-memory <see cref="CallInvoker"/> that answers PostModelOutputs at once with a canned response, so that a
/// benchmark measures the client's own CPU and allocations and nothing of a transport.
/// </summary>
internal sealed class CannedInvoker : CallInvoker
{
    private static readonly Task<Metadata> NoHeaders = Task.FromResult(new Metadata());
    private readonly Task<MultiOutputResponse> _response = Task.FromResult(BenchmarkData.CannedPrediction());

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        new((Task<TResponse>)(object)_response, NoHeaders, static () => global::Grpc.Core.Status.DefaultSuccess, static () => [], static () => { });

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
