using System.Collections.Concurrent;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Gives every RPC of the generated client the library's guarantees: under <see cref="ClarifaiClient.Api"/>, each
/// unary call goes through the same layers as the services (telemetry → retry → status translation → transport over
/// the credentials layer) with the caller's <see cref="CallOptions"/> merged over the client's defaults; each
/// streaming call gets the client's deadline, telemetry, and status translation of every message.
/// </summary>
/// <remarks>
/// <para>Merging: the caller's deadline replaces the client's <see cref="ClarifaiClientOptions.Timeout"/> when given;
/// the caller's cancellation token and headers are used as they are (the credentials layer adds the key).</para>
/// <para>A checked unary call's response headers are empty and its <c>GetStatus()</c> is OK once it succeeded: it
/// stands for a logical call of possibly several attempts. Use <see cref="ClarifaiClient.GrpcClient"/> for the raw
/// transport.</para>
/// </remarks>
internal sealed class CheckedCallInvoker : CallInvoker
{
    private readonly CallInvoker _credentials;
    private readonly ClarifaiCallExecutor _executor;
    private readonly ConcurrentDictionary<IMethod, object> _rpcs = new();

    public CheckedCallInvoker(CallInvoker credentials, ClarifaiCallExecutor executor)
    {
        _credentials = credentials;
        _executor = executor;
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rpc = (UnaryRpc<TRequest, TResponse>)_rpcs.GetOrAdd(method, static (m, invoker) => GenericRpcs.Unary((Method<TRequest, TResponse>)m, invoker), _credentials);
        var invocation = new UnaryInvocation<TRequest, TResponse>(rpc, request, Deadline(options), options.CancellationToken)
        {
            Headers = options.Headers,
            Timeout = options.Deadline is null ? _executor.TimeoutOf(null) : null,
            WarmUp = _executor.WarmUpOf(null),
        };
        var response = _executor.SendAsync(invocation);
        return new AsyncUnaryCall<TResponse>(
            response,
            Task.FromResult(new Metadata()),
            () => response.IsCompletedSuccessfully ? Status.DefaultSuccess : new Status(StatusCode.Unknown, "The checked call has not succeeded; see its exception."),
            static () => [],
            static () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var checks = Checks<TResponse>(method.Name, options);
        var call = Start(checks, () => _credentials.AsyncServerStreamingCall(method, host, WithDeadline(options), request));
        return new AsyncServerStreamingCall<TResponse>(new CheckedStreamReader<TResponse>(call.ResponseStream, checks), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var checks = Checks<TResponse>(method.Name, options);
        var call = Start(checks, () => _credentials.AsyncClientStreamingCall(method, host, WithDeadline(options)));
        return new AsyncClientStreamingCall<TRequest, TResponse>(call.RequestStream, checks.CheckAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var checks = Checks<TResponse>(method.Name, options);
        var call = Start(checks, () => _credentials.AsyncDuplexStreamingCall(method, host, WithDeadline(options)));
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call.RequestStream, new CheckedStreamReader<TResponse>(call.ResponseStream, checks), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private CheckedResponses<T> Checks<T>(string method, CallOptions options)
        where T : class =>
        new(method, new StreamCallTelemetry(method, _executor.Time), options.CancellationToken);

    /// <summary>Starts a stream; a failure to start is translated like any other.</summary>
    internal static TCall Start<T, TCall>(CheckedResponses<T> checks, Func<TCall> start)
        where T : class
    {
        try
        {
            return start();
        }
        catch (RpcException e)
        {
            throw checks.Translate(e);
        }
    }

    /// <summary>The caller's deadline, else the client's: one deadline per logical call.</summary>
    private DateTime? Deadline(CallOptions options) => options.Deadline ?? _executor.DeadlineFromNow();

    private CallOptions WithDeadline(CallOptions options) => Deadline(options) is { } deadline ? options.WithDeadline(deadline) : options;
}
