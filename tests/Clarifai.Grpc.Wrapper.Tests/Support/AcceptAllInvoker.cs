using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A <see cref="CallInvoker"/> that accepts every PostInputs and keeps nothing, so that a test sees the client's own
/// memory and nothing else. Counts what it accepted. <see cref="AnswerAfter"/> makes each answer wait (for the
/// uploader's workers to be slower than its reader, so that read-ahead fills); by default it answers at once.
/// </summary>
internal sealed class AcceptAllInvoker : CallInvoker
{
    private long _inputs;

    /// <summary>What each answer waits for before it is given, or <see langword="null"/> to answer at once.</summary>
    public Func<Task>? AnswerAfter { get; init; }

    public long Inputs => Interlocked.Read(ref _inputs);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (request is not PostInputsRequest post) throw new NotSupportedException(method.FullName);
        Interlocked.Add(ref _inputs, post.Inputs.Count);
        var response = new MultiInputResponse { Status = new Clarifai.Api.Status.Status { Code = StatusCode.Success } };
        foreach (var input in post.Inputs) response.Inputs.Add(new Input { Id = input.Id, Status = new Clarifai.Api.Status.Status { Code = StatusCode.InputPending } });
        if (AnswerAfter is not { } wait) return GrpcCalls.Unary((TResponse)(object)response);
        return new AsyncUnaryCall<TResponse>(AnsweredAfterAsync(wait, (TResponse)(object)response), Task.FromResult(new Metadata()), static () => global::Grpc.Core.Status.DefaultSuccess, static () => [], static () => { });

        static async Task<T> AnsweredAfterAsync<T>(Func<Task> wait, T response)
        {
            await wait();
            return response;
        }
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
