using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// An invoker for "nothing may be sent" tests whose requests are huge: it counts calls and refuses them without
/// printing the request (a strict Moq mock would format a 140 MB message into its exception).
/// </summary>
internal sealed class CountingRefusingInvoker : CallInvoker
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Refuse(method);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Refuse(method);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Refuse(method);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw Refuse(method);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw Refuse(method);

    private InvalidOperationException Refuse(IMethod method)
    {
        Interlocked.Increment(ref _calls);
        return new InvalidOperationException($"{method.Name} was called but nothing may be sent in this test.");
    }
}
