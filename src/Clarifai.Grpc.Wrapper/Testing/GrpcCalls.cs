using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>
/// Builds the <see cref="AsyncUnaryCall{TResponse}"/> objects a mocked <see cref="CallInvoker"/> or a mocked generated
/// client returns, so that a Moq setup takes one line:
/// <code>invoker.Setup(i => i.AsyncUnaryCall(It.IsAny&lt;Method&lt;GetModelRequest, SingleModelResponse&gt;&gt;(), It.IsAny&lt;string&gt;(), It.IsAny&lt;CallOptions&gt;(), It.IsAny&lt;GetModelRequest&gt;()))
///       .Returns(GrpcCalls.Unary(ClarifaiFakes.ModelResponse("pets")));</code>
/// </summary>
public static class GrpcCalls
{
    /// <summary>A call that completes at once with <paramref name="response"/>.</summary>
    /// <typeparam name="TResponse">The response message type.</typeparam>
    /// <param name="response">The response.</param>
    /// <returns>The call.</returns>
    public static AsyncUnaryCall<TResponse> Unary<TResponse>(TResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), static () => global::Grpc.Core.Status.DefaultSuccess, static () => [], static () => { });
    }

    /// <summary>A call that fails with a gRPC status, as a transport failure does (for example <see cref="StatusCode.Unavailable"/>).</summary>
    /// <typeparam name="TResponse">The response message type.</typeparam>
    /// <param name="code">The gRPC status code.</param>
    /// <param name="detail">The status detail.</param>
    /// <param name="debugException">
    /// The cause, as Grpc.Net.Client attaches it (for example an <see cref="System.Net.Http.HttpRequestException"/>
    /// when no connection could be opened, which lets the client retry even a call that is not idempotent).
    /// </param>
    /// <returns>The call.</returns>
    public static AsyncUnaryCall<TResponse> Failure<TResponse>(StatusCode code, string detail = "", Exception? debugException = null)
    {
        var status = new global::Grpc.Core.Status(code, detail, debugException);
        return new AsyncUnaryCall<TResponse>(Task.FromException<TResponse>(new RpcException(status)), Task.FromResult(new Metadata()), () => status, static () => [], static () => { });
    }

    /// <summary>A server-streaming call that yields <paramref name="messages"/> and ends with OK.</summary>
    /// <typeparam name="TResponse">The message type.</typeparam>
    /// <param name="messages">The messages, in order.</param>
    /// <returns>The call.</returns>
    public static AsyncServerStreamingCall<TResponse> ServerStreaming<TResponse>(params TResponse[] messages) =>
        ServerStreaming(messages, failure: null);

    /// <summary>
    /// A server-streaming call that yields <paramref name="messages"/> and then, if <paramref name="failure"/> is given,
    /// fails with it (a failure after the Nth message); otherwise ends with OK.
    /// </summary>
    /// <typeparam name="TResponse">The message type.</typeparam>
    /// <param name="messages">The messages before the end or the failure.</param>
    /// <param name="failure">The gRPC status the stream fails with, or <see langword="null"/>.</param>
    /// <returns>The call.</returns>
    public static AsyncServerStreamingCall<TResponse> ServerStreaming<TResponse>(IEnumerable<TResponse> messages, global::Grpc.Core.Status? failure) =>
        ServerStreaming(messages, failure, onDispose: null);

    /// <summary>
    /// A server-streaming call as <see cref="ServerStreaming{TResponse}(IEnumerable{TResponse}, global::Grpc.Core.Status?)"/>
    /// that also tells when the code under test disposes of it (which cancels the call on a real channel).
    /// </summary>
    /// <typeparam name="TResponse">The message type.</typeparam>
    /// <param name="messages">The messages before the end or the failure.</param>
    /// <param name="failure">The gRPC status the stream fails with, or <see langword="null"/>.</param>
    /// <param name="onDispose">Called on dispose, or <see langword="null"/>.</param>
    /// <returns>The call.</returns>
    public static AsyncServerStreamingCall<TResponse> ServerStreaming<TResponse>(IEnumerable<TResponse> messages, global::Grpc.Core.Status? failure, Action? onDispose)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var status = failure ?? global::Grpc.Core.Status.DefaultSuccess;
        return new AsyncServerStreamingCall<TResponse>(new ListStreamReader<TResponse>(messages.ToList(), failure), Task.FromResult(new Metadata()), () => status, static () => [], onDispose ?? (static () => { }));
    }

    /// <summary>
    /// A bidirectional call: what the code under test writes goes into <paramref name="sent"/>, and the response stream
    /// yields <paramref name="responses"/> and ends with OK.
    /// </summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="sent">Receives every request written, in order.</param>
    /// <param name="responses">The responses, in order.</param>
    /// <returns>The call.</returns>
    public static AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(IList<TRequest> sent, params TResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(responses);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ListStreamWriter<TRequest>(sent), new ListStreamReader<TResponse>(responses.ToList(), failure: null), Task.FromResult(new Metadata()),
            static () => global::Grpc.Core.Status.DefaultSuccess, static () => [], static () => { });
    }

    /// <summary>
    /// A bidirectional call that answers like a server: each request the code under test writes produces
    /// <paramref name="respond"/>'s responses at once, and the response stream ends when the request stream is completed; an
    /// <see cref="RpcException"/> thrown by <paramref name="respond"/> fails the call on both sides, as a server failing it would.
    /// </summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="respond">The responses to one request.</param>
    /// <param name="sent">Receives every request written, in order; or <see langword="null"/>.</param>
    /// <param name="onDispose">Called when the code under test disposes of the call (which cancels it on a real channel); or <see langword="null"/>.</param>
    /// <returns>The call.</returns>
    /// <example><code>
    /// invoker.Setup(i => i.AsyncDuplexStreamingCall(It.IsAny&lt;Method&lt;PostModelOutputsRequest, MultiOutputResponse&gt;&gt;(), It.IsAny&lt;string&gt;(), It.IsAny&lt;CallOptions&gt;()))
    ///        .Returns(() => GrpcCalls.DuplexStreaming&lt;PostModelOutputsRequest, MultiOutputResponse&gt;(request => [Answer(request)]));
    /// </code></example>
    public static AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Func<TRequest, IEnumerable<TResponse>> respond, IList<TRequest>? sent = null, Action? onDispose = null)
    {
        ArgumentNullException.ThrowIfNull(respond);
        var stream = new RespondingDuplexStream<TRequest, TResponse>(respond, sent);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            stream, stream, Task.FromResult(new Metadata()), static () => global::Grpc.Core.Status.DefaultSuccess, static () => [], onDispose ?? (static () => { }));
    }
}
