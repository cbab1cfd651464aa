using System.Collections.Concurrent;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Gives every RPC of the generated client the library's guarantees: under <see cref="ClarifaiClient.Api"/>, every
/// call — unary, server-streaming, bidirectional — goes through the same layers as the services (telemetry → warm-up →
/// retry → rate limit → status translation → transport over the credentials layer) with the caller's
/// <see cref="CallOptions"/> merged over the client's defaults; a stream is opened by those layers
/// (<see cref="StreamRpcs"/>) and then read with every message translated.
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
        var response = _executor.CallAsync(rpc, request, options, options.CancellationToken);
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
        ArgumentNullException.ThrowIfNull(request);
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        var rpc = StreamRpcs.Server<TRequest, TResponse>(method.Name, (_, r, o) => _credentials.AsyncServerStreamingCall(method, host, o, r));
        var reader = new OpeningStreamReader<TResponse>(_executor.CallAsync(rpc, request, options, abandon.Token), method.Name, _executor.Time, abandon);
        return new AsyncServerStreamingCall<TResponse>(reader, EmptyHeaders, () => StatusOf(reader), static () => [], reader.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        // clarifai.api.V2 has no client-streaming RPC; a hand-made one gets the deadline, telemetry and translation.
        var checks = new CheckedResponses<TResponse>(method.Name, new StreamCallTelemetry(method.Name, _executor.Server, _executor.Time, ClarifaiDiagnostics.StartCall(method.Name, _executor.Server), _executor.Time.GetTimestamp(), 1), options.CancellationToken);
        AsyncClientStreamingCall<TRequest, TResponse> call;
        try
        {
            call = _credentials.AsyncClientStreamingCall(method, host, WithDeadline(options));
        }
        catch (RpcException e)
        {
            throw checks.Translate(e);
        }

        return new AsyncClientStreamingCall<TRequest, TResponse>(call.RequestStream, checks.CheckAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        // The caller's writes are the request source of the same duplex engine as the services': kept and written again
        // if the stream must be opened again before its first response.
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        var writes = new ChannelRequestStream<TRequest>();
        var source = new ReplayableRequests<TRequest>(writes.Messages(abandon.Token), abandon.Token);
        var rpc = StreamRpcs.Duplex<TRequest, TResponse>(method.Name, (_, o) => _credentials.AsyncDuplexStreamingCall(method, host, o));
        var reader = new OpeningStreamReader<TResponse>(_executor.CallAsync(rpc, source, options, abandon.Token), method.Name, _executor.Time, abandon, source.StopKeeping);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writes, reader, EmptyHeaders, () => StatusOf(reader), static () => [], () =>
        {
            writes.Close();
            reader.Dispose();
            _ = source.DisposeAsync().AsTask();
        });
    }

    /// <summary>A checked stream stands for a logical call of possibly several attempts, as a checked unary call does: no transport headers.</summary>
    private static readonly Task<Metadata> EmptyHeaders = Task.FromResult(new Metadata());

    private static Status StatusOf<T>(OpeningStreamReader<T> reader)
        where T : class =>
        reader.Completed ? Status.DefaultSuccess : new Status(StatusCode.Unknown, "The checked stream has not ended well; see its exception.");

    private CallOptions WithDeadline(CallOptions options) => _executor.DeadlineOf(options) is { } deadline ? options.WithDeadline(deadline) : options;
}
