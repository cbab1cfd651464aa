using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>Builds the <see cref="AsyncUnaryCall{TResponse}"/> a mocked <see cref="CallInvoker"/> returns (grpc-dotnet's CallHelpers pattern).</summary>
internal static class CallHelpers
{
    public static AsyncUnaryCall<T> Success<T>(T response) =>
        new(Task.FromResult(response), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });

    public static AsyncUnaryCall<T> Failure<T>(global::Grpc.Core.StatusCode code, string detail = "failed", Exception? debugException = null)
    {
        var status = new global::Grpc.Core.Status(code, detail, debugException);
        return new(Task.FromException<T>(new RpcException(status)), Task.FromResult(new Metadata()), () => status, () => [], () => { });
    }
}
