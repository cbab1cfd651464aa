using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>Accepts every PostInputs at once, answering each input 30001 (pending) as Clarifai does, and keeps nothing.</summary>
internal sealed class AcceptingInvoker : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var post = (PostInputsRequest)(object)request;
        var response = new MultiInputResponse { Status = new Clarifai.Api.Status.Status { Code = Clarifai.Api.Status.StatusCode.Success } };
        foreach (var input in post.Inputs) response.Inputs.Add(new Input { Id = input.Id, Status = new Clarifai.Api.Status.Status { Code = Clarifai.Api.Status.StatusCode.InputPending } });
        return GrpcCalls.Unary((TResponse)(object)response);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
