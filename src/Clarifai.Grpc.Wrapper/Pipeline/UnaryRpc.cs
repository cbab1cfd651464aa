using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// What the call pipeline needs to know about one RPC: its name, how to send it with the generated client, where
/// its response keeps the status, whether a request may be sent twice, and whether 10010 / 10020 answers are results
/// (batch calls whose items each carry their own status) rather than errors.
/// </summary>
internal sealed class UnaryRpc<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly Func<TResponse, int>? _itemCount;

    public UnaryRpc(
        string name,
        Func<V2.V2Client, TRequest, CallOptions, AsyncUnaryCall<TResponse>> invoke,
        Func<TResponse, StatusProto?> statusOf,
        Func<TResponse, int>? itemCount = null)
        : this(name, invoke, statusOf, request => RpcResendability.MayResend(name, request), itemCount)
    {
    }

    public UnaryRpc(
        string name,
        Func<V2.V2Client, TRequest, CallOptions, AsyncUnaryCall<TResponse>> invoke,
        Func<TResponse, StatusProto?> statusOf,
        Func<TRequest, bool> isIdempotent,
        Func<TResponse, int>? itemCount)
    {
        Name = name;
        Invoke = invoke;
        StatusOf = statusOf;
        IsIdempotent = isIdempotent;
        _itemCount = itemCount;
    }

    public string Name { get; }

    public Func<V2.V2Client, TRequest, CallOptions, AsyncUnaryCall<TResponse>> Invoke { get; }

    public Func<TResponse, StatusProto?> StatusOf { get; }

    public Func<TRequest, bool> IsIdempotent { get; }

    /// <summary>
    /// Whether the response is a result for the caller: 10000 always; 10010 and 10020 on batch calls when the
    /// response lists items (each with its own status). Anything else is an error.
    /// </summary>
    public bool Accepts(StatusCode code, TResponse response) => StatusAcceptance.Accepts(code, _itemCount, response);
}
