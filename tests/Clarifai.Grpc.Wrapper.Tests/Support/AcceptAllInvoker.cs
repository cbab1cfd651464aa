using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A <see cref="CallInvoker"/> that accepts every PostInputs at once and keeps nothing, so that a test measures the
/// client's own memory and nothing else. Counts what it accepted.
/// </summary>
internal sealed class AcceptAllInvoker : CallInvoker
{
    private long _inputs;

    public long Inputs => Interlocked.Read(ref _inputs);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (request is not PostInputsRequest post) throw new NotSupportedException(method.FullName);
        Interlocked.Add(ref _inputs, post.Inputs.Count);
        var response = new MultiInputResponse { Status = new Clarifai.Api.Status.Status { Code = StatusCode.Success } };
        foreach (var input in post.Inputs) response.Inputs.Add(new Input { Id = input.Id, Status = new Clarifai.Api.Status.Status { Code = StatusCode.InputPending } });
        return GrpcCalls.Unary((TResponse)(object)response);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
