using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using Moq;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A Moq-mocked <see cref="CallInvoker"/> scripted per RPC: each setup takes the answers in order (the last one
/// repeats), and every call that reaches it is recorded. Strict: an RPC nobody scripted fails the test.
/// </summary>
internal sealed class MockV2
{
    private readonly List<RecordedCall> _calls = [];

    public Mock<CallInvoker> Invoker { get; } = new(MockBehavior.Strict);

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_calls) return _calls.ToList();
        }
    }

    /// <summary>Answers RPCs with request type <typeparamref name="TRequest"/> with each answer in turn.</summary>
    public MockV2 On<TRequest, TResponse>(params Func<TRequest, AsyncUnaryCall<TResponse>>[] answers)
        where TRequest : class
        where TResponse : class
    {
        var queue = new Queue<Func<TRequest, AsyncUnaryCall<TResponse>>>(answers);
        Invoker
            .Setup(i => i.AsyncUnaryCall(It.IsAny<Method<TRequest, TResponse>>(), It.IsAny<string?>(), It.IsAny<CallOptions>(), It.IsAny<TRequest>()))
            .Returns((Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) =>
            {
                lock (_calls) _calls.Add(new RecordedCall(method.Name, request, options));
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

    public int CountOf(string method) => Calls.Count(c => c.Method == method);
}
