using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using Moq;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A Moq-mocked <see cref="CallInvoker"/> scripted per RPC: each setup takes the answers in order (the last one
/// repeats). Strict: an RPC nobody scripted fails the test. <see cref="Calls"/> lists every call that reached the
/// invoker, scripted or not (read from Moq's own record of invocations), so "no call was made" can fail.
/// </summary>
internal sealed class MockV2
{
    public Mock<CallInvoker> Invoker { get; } = new(MockBehavior.Strict);

    /// <summary>Every call that reached the invoker, of any kind, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls =>
        Invoker.Invocations
            .Where(i => i.Arguments.Count >= 3 && i.Arguments[0] is IMethod && i.Arguments[2] is CallOptions)
            .Select(i => new RecordedCall(((IMethod)i.Arguments[0]!).Name, (i.Arguments.Count > 3 ? i.Arguments[3] : null)!, (CallOptions)i.Arguments[2]!))
            .ToList();

    /// <summary>Answers RPCs with request type <typeparamref name="TRequest"/> with each answer in turn.</summary>
    public MockV2 On<TRequest, TResponse>(params Func<TRequest, AsyncUnaryCall<TResponse>>[] answers)
        where TRequest : class
        where TResponse : class
    {
        var queue = new Queue<Func<TRequest, AsyncUnaryCall<TResponse>>>(answers);
        Invoker
            .Setup(i => i.AsyncUnaryCall(It.IsAny<Method<TRequest, TResponse>>(), It.IsAny<string?>(), It.IsAny<CallOptions>(), It.IsAny<TRequest>()))
            .Returns((Method<TRequest, TResponse> _, string? _, CallOptions _, TRequest request) =>
            {
                Func<TRequest, AsyncUnaryCall<TResponse>> answer;
                lock (queue) answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                return answer(request);
            });
        return this;
    }

    /// <summary>Answers with fixed responses, in turn.</summary>
    public MockV2 Returns<TRequest, TResponse>(params TResponse[] responses)
        where TRequest : class
        where TResponse : class =>
        On(responses.Select(r => (Func<TRequest, AsyncUnaryCall<TResponse>>)(_ => GrpcCalls.Unary(r))).ToArray());

    /// <summary>Answers server-streaming RPCs with request type <typeparamref name="TRequest"/> with each answer in turn.</summary>
    public MockV2 OnServerStreaming<TRequest, TResponse>(params Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>>[] answers)
        where TRequest : class
        where TResponse : class
    {
        var queue = new Queue<Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>>>(answers);
        Invoker
            .Setup(i => i.AsyncServerStreamingCall(It.IsAny<Method<TRequest, TResponse>>(), It.IsAny<string?>(), It.IsAny<CallOptions>(), It.IsAny<TRequest>()))
            .Returns((Method<TRequest, TResponse> _, string? _, CallOptions options, TRequest request) =>
            {
                Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> answer;
                lock (queue) answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                return answer(request, options);
            });
        return this;
    }

    /// <summary>Answers bidirectional RPCs of these types with each answer in turn.</summary>
    public MockV2 OnDuplex<TRequest, TResponse>(params Func<CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>>[] answers)
        where TRequest : class
        where TResponse : class
    {
        var queue = new Queue<Func<CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>>>(answers);
        Invoker
            .Setup(i => i.AsyncDuplexStreamingCall(It.IsAny<Method<TRequest, TResponse>>(), It.IsAny<string?>(), It.IsAny<CallOptions>()))
            .Returns((Method<TRequest, TResponse> _, string? _, CallOptions options) =>
            {
                Func<CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> answer;
                lock (queue) answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                return answer(options);
            });
        return this;
    }

    public int CountOf(string method) => Calls.Count(c => c.Method == method);
}
