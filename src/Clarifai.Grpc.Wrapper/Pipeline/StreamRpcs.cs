using Clarifai.Api;
using Grpc.Core;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Describes a streaming RPC to the unary layers, so that every call kind passes the same engine: an attempt opens the
/// stream and reads its first response (<see cref="StreamOpening{T}"/>), which the layers pace, trace, retry and
/// translate like any unary answer. After the first response the stream is the caller's: a failure then ends it.
/// </summary>
internal static class StreamRpcs
{
    /// <summary>What an empty stream's opening reports: it ended without an error.</summary>
    private static readonly StatusProto EndedEmpty = new() { Code = Clarifai.Api.Status.StatusCode.Success };

    /// <summary>A server-streaming RPC: one request, opened by <paramref name="start"/>.</summary>
    public static UnaryRpc<TRequest, StreamOpening<TResponse>> Server<TRequest, TResponse>(string method, Func<V2.V2Client, TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start)
        where TRequest : class
        where TResponse : class =>
        new(
            method,
            (client, request, options) => Unary(OpenAsync(start(client, request, options), options.CancellationToken)),
            StatusOf,
            request => RpcResendability.MayResend(method, request),
            ItemCount<TResponse>());

    /// <summary>
    /// A bidirectional RPC whose requests come from the caller's source: each attempt writes the requests kept from the
    /// attempts before it, then the source's next ones, while it waits for the first response.
    /// </summary>
    public static UnaryRpc<ReplayableRequests<TRequest>, StreamOpening<TResponse>> Duplex<TRequest, TResponse>(string method, Func<V2.V2Client, CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> start)
        where TRequest : class
        where TResponse : class =>
        new(
            method,
            (client, requests, options) => Unary(OpenDuplexAsync(requests, client, start, options)),
            StatusOf,
            _ => RpcResendability.MayResend(method, request: null),
            ItemCount<TResponse>());

    private static StatusProto? StatusOf<TResponse>(StreamOpening<TResponse> opening)
        where TResponse : class =>
        opening.First is { } first ? ResponseShape<TResponse>.StatusOf(first) ?? EndedEmpty : EndedEmpty;

    private static Func<StreamOpening<TResponse>, int>? ItemCount<TResponse>()
        where TResponse : class =>
        ResponseShape<TResponse>.ItemCount is { } count ? opening => opening.First is { } first ? count(first) : 0 : null;

    /// <summary>The opening as the transport layer expects an attempt: a call whose response is the open stream. It owns nothing: the opening does.</summary>
    private static AsyncUnaryCall<StreamOpening<T>> Unary<T>(Task<StreamOpening<T>> opening)
        where T : class =>
        new(opening, Task.FromResult(new Metadata()), static () => Status.DefaultSuccess, static () => [], static () => { });

    private static async Task<StreamOpening<T>> OpenAsync<T>(AsyncServerStreamingCall<T> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var first = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;
            return new StreamOpening<T>(
                call.ResponseStream,
                first,
                () =>
                {
                    call.Dispose();
                    return ValueTask.CompletedTask;
                },
                cancellationToken);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static async Task<StreamOpening<TResponse>> OpenDuplexAsync<TRequest, TResponse>(ReplayableRequests<TRequest> requests, V2.V2Client client, Func<V2.V2Client, CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> start, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        // Each attempt has its own token: leaving it (a failure, the caller's break) cancels the call and stops its writer.
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        AsyncDuplexStreamingCall<TRequest, TResponse>? call = null;
        Task writing = Task.CompletedTask;
        async ValueTask ReleaseAsync()
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            await writing.ConfigureAwait(false);
            call?.Dispose();
            attempt.Dispose();
        }

        try
        {
            call = start(client, options.WithCancellationToken(attempt.Token));
            writing = requests.WriteToAsync(call.RequestStream, attempt);

            // Read with the attempt's token: a failing request source ends the reading even where the call ignores it.
            // The requests stay kept until the layers accept this first response (StreamingCalls stops keeping them then):
            // a first response they refuse (a cold model) opens the stream again with every request.
            var first = await call.ResponseStream.MoveNext(attempt.Token).ConfigureAwait(false) ? call.ResponseStream.Current : null;
            return new StreamOpening<TResponse>(call.ResponseStream, first, ReleaseAsync, attempt.Token);
        }
        catch
        {
            await ReleaseAsync().ConfigureAwait(false);

            // The caller's request source failing is the stream's failure, whatever the cancelled call reported.
            requests.ThrowIfFailed();
            throw;
        }
    }
}
