using System.Runtime.CompilerServices;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Streaming calls for the services, as <see cref="IAsyncEnumerable{T}"/>, on the one engine: each stream is opened
/// through the executor's layers (<see cref="StreamRpcs"/>: paced, one activity and one deadline for the logical call,
/// opened again by the one retry policy and the warm-up budget until its first response, translated by the one
/// table), then read to its end with every message translated (<see cref="CheckedResponses{T}"/>). Cancellation — by
/// the token or by leaving the <c>await foreach</c> — cancels the call on the server and ends its telemetry once.
/// </summary>
internal sealed class StreamingCalls
{
    private readonly ClarifaiCallExecutor _executor;

    public StreamingCalls(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>One request, a stream of responses.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamAsync<TRequest, TResponse>(
        string method, TRequest request, Func<Clarifai.Api.V2.V2Client, TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start, CallSettings? settings, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var opening = await _executor.CallAsync(StreamRpcs.Server(method, start), request, settings, cancellationToken).ConfigureAwait(false);
        await foreach (var response in ReadAsync(opening, method, _executor.Time, cancellationToken).ConfigureAwait(false)) yield return response;
    }

    /// <summary>
    /// A stream of requests and a stream of responses. The requests written before the first response are kept, and
    /// written again if the stream must be opened again; after the first response nothing is kept.
    /// </summary>
    public async IAsyncEnumerable<TResponse> DuplexStreamAsync<TRequest, TResponse>(
        string method, IAsyncEnumerable<TRequest> requests, Func<Clarifai.Api.V2.V2Client, CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> start, CallSettings? settings, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        settings?.Validate();
        var source = new ReplayableRequests<TRequest>(requests, cancellationToken);
        await using var disposeSource = source.ConfigureAwait(false);
        var opening = await _executor.CallAsync(StreamRpcs.Duplex(method, start), source, settings, cancellationToken).ConfigureAwait(false);
        source.StopKeeping(); // accepted: the stream will not be opened again
        try
        {
            await foreach (var response in ReadAsync(opening, method, _executor.Time, cancellationToken).ConfigureAwait(false)) yield return response;
        }
        finally
        {
            // The caller's request source failing is the stream's failure, whatever the cancelled call reported.
            source.ThrowIfFailed();
        }
    }

    /// <summary>
    /// The responses of an opened stream: its first (already translated by the layers), then the rest, translated one by
    /// one, under the logical call's telemetry, which ends exactly once however the reading ends.
    /// </summary>
    internal static async IAsyncEnumerable<T> ReadAsync<T>(StreamOpening<T> opening, string method, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var telemetry = opening.Telemetry ?? new StreamCallTelemetry(method, RpcServer.Unknown, time, null, time.GetTimestamp(), 1);
        try
        {
            var checks = new CheckedResponses<T>(method, telemetry, cancellationToken);
            if (opening.First is not { } first)
            {
                checks.Completed(null);
                yield break;
            }

            yield return first;
            var responses = new CheckedStreamReader<T>(opening.Responses, checks, first);
            while (await responses.MoveNext(opening.ReadToken).ConfigureAwait(false)) yield return responses.Current;
        }
        finally
        {
            telemetry.Abandoned();
            await opening.DisposeAsync().ConfigureAwait(false);
        }
    }
}
