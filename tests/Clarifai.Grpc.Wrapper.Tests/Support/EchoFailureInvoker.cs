using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// Answers any RPC of any kind with a response whose Clarifai status is <see cref="Answer"/> (for response types that
/// have a status), and records what each call carried: its method, headers and deadline.
/// </summary>
internal sealed class EchoFailureInvoker : CallInvoker
{
    private readonly List<(string Method, CallOptions Options)> _calls = [];

    public StatusCode Answer { get; init; } = StatusCode.ModelDoesNotExist;

    public IReadOnlyList<(string Method, CallOptions Options)> Calls
    {
        get
        {
            lock (_calls) return _calls.ToList();
        }
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        Record(method, options, Response<TResponse>());

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        new(Task.FromResult(Record(method, options, Response<TResponse>())), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        new(new OneMessage<TResponse>(Record(method, options, Response<TResponse>())), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        new(new NoWriter<TRequest>(), Task.FromResult(Record(method, options, Response<TResponse>())), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        new(new NoWriter<TRequest>(), new OneMessage<TResponse>(Record(method, options, Response<TResponse>())), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });

    /// <summary>Whether responses of this type carry a Clarifai status.</summary>
    public static bool HasStatus(Type responseType) =>
        ((IMessage)Activator.CreateInstance(responseType)!).Descriptor.FindFieldByName("status") is { FieldType: FieldType.Message } f && f.MessageType == Clarifai.Api.Status.Status.Descriptor;

    private T Record<T>(IMethod method, CallOptions options, T response)
    {
        lock (_calls) _calls.Add((method.Name, options));
        return response;
    }

    private T Response<T>()
    {
        var message = (IMessage)Activator.CreateInstance<T>()!;
        if (HasStatus(typeof(T))) message.Descriptor.FindFieldByName("status").Accessor.SetValue(message, Responses.Status(Answer));
        return (T)message;
    }

    private sealed class OneMessage<T>(T message) : IAsyncStreamReader<T>
    {
        private bool _read;

        public T Current => message;

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var first = !_read;
            _read = true;
            return Task.FromResult(first);
        }
    }

    private sealed class NoWriter<T> : IClientStreamWriter<T>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task CompleteAsync() => Task.CompletedTask;

        public Task WriteAsync(T message) => Task.CompletedTask;
    }
}
