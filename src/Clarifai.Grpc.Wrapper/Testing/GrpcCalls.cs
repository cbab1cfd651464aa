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
}
