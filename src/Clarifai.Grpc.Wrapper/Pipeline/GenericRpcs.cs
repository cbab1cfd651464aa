using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Describes any RPC of the generated API for the pipeline, from its <see cref="Method{TRequest, TResponse}"/> and the
/// protobuf descriptors: where its response keeps the Clarifai status (a <c>status</c> field), whether it lists items
/// with their own statuses (so that 10010 / 10020 are results), and whether it is idempotent
/// (<see cref="RpcResendability"/>).
/// </summary>
internal static class GenericRpcs
{
    /// <summary>The description of <paramref name="method"/>, sent through <paramref name="invoker"/>.</summary>
    public static UnaryRpc<TRequest, TResponse> Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, CallInvoker invoker)
        where TRequest : class
        where TResponse : class =>
        new(
            method.Name,
            (_, request, options) => invoker.AsyncUnaryCall(method, null, options, request),
            ResponseShape<TResponse>.StatusOf,
            request => RpcResendability.MayResend(method.Name, request),
            ResponseShape<TResponse>.ItemCount);
}
