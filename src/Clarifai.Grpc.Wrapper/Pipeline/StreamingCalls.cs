using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Streaming calls for the services, as <see cref="IAsyncEnumerable{T}"/>: the client's deadline, headers and
/// <c>user_app_id</c>, the status translation of every message (<see cref="CheckedResponses{T}"/>), the first-message
/// rule (<see cref="StreamStartRule"/>), and cancellation — by the token or by leaving the <c>await foreach</c> —
/// that cancels the call on the server.
/// </summary>
internal sealed class StreamingCalls
{
    private readonly ClarifaiCallExecutor _executor;

    public StreamingCalls(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>One request, a stream of responses.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamAsync<TRequest, TResponse>(
        string method, TRequest request, Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start, CallSettings? settings, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var rule = Rule(method, request, settings);
        _executor.Address(request, settings);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var checks = new CheckedResponses<TResponse>(method, new StreamCallTelemetry(method, _executor.Time), cancellationToken);
            using var call = CheckedCallInvoker.Start(checks, () => start(request, Options(settings, cancellationToken)));
            var responses = new CheckedStreamReader<TResponse>(call.ResponseStream, checks);
            if (await FirstAsync(responses, rule, cancellationToken).ConfigureAwait(false) is not { } first)
            {
                continue;
            }

            if (!first) yield break;
            do
            {
                yield return responses.Current;
            }
            while (await responses.MoveNext(cancellationToken).ConfigureAwait(false));
            yield break;
        }
    }

    /// <summary>
    /// A stream of requests and a stream of responses. The requests written before the first response are kept, and
    /// written again if the stream must be opened again; after the first response nothing is kept.
    /// </summary>
    public async IAsyncEnumerable<TResponse> DuplexStreamAsync<TRequest, TResponse>(
        string method, IAsyncEnumerable<TRequest> requests, Func<CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> start, CallSettings? settings, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        settings?.Validate();
        var rule = new StreamStartRule(method, "(streamed)", _executor.RetryOf(settings), _executor.WarmUpOf(settings), _executor.Time, _executor.Logger);
        var source = new ReplayableRequests<TRequest>(requests, r => _executor.Address(r, settings), cancellationToken);
        await using var disposeSource = source.ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var checks = new CheckedResponses<TResponse>(method, new StreamCallTelemetry(method, _executor.Time), cancellationToken);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = CheckedCallInvoker.Start(checks, () => start(Options(settings, attempt.Token)));
            var writing = source.WriteToAsync(call.RequestStream, attempt);
            try
            {
                // Read with the attempt's token: a failing request source ends the reading even where the call ignores it.
                var responses = new CheckedStreamReader<TResponse>(call.ResponseStream, checks);
                if (await FirstAsync(responses, rule, attempt.Token).ConfigureAwait(false) is not { } first)
                {
                    await attempt.CancelAsync().ConfigureAwait(false);
                    continue;
                }

                source.StopKeeping();
                if (!first) break;
                do
                {
                    yield return responses.Current;
                }
                while (await responses.MoveNext(attempt.Token).ConfigureAwait(false));
                break;
            }
            finally
            {
                // Leaving early (a failure, the caller's break) cancels the attempt; its writer then stops.
                await attempt.CancelAsync().ConfigureAwait(false);
                await writing.ConfigureAwait(false);

                // The caller's request source failing is the stream's failure, whatever the cancelled call reported.
                source.ThrowIfFailed();
            }
        }
    }

    private StreamStartRule Rule<TRequest>(string method, TRequest request, CallSettings? settings)
        where TRequest : class
    {
        settings?.Validate();
        return new StreamStartRule(method, ModelWarmUpLayer.ModelOf(request), _executor.RetryOf(settings), _executor.WarmUpOf(settings), _executor.Time, _executor.Logger);
    }

    private CallOptions Options(CallSettings? settings, CancellationToken cancellationToken) =>
        new(ClarifaiCallExecutor.Headers(settings), _executor.DeadlineFromNow(settings?.Timeout), cancellationToken);

    /// <summary>
    /// Reads the first response: <see langword="true"/> when there is one, <see langword="false"/> when the stream
    /// ended empty, <see langword="null"/> when it failed in a way that allows opening it again (after the wait).
    /// </summary>
    private async Task<bool?> FirstAsync<T>(CheckedStreamReader<T> responses, StreamStartRule rule, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await responses.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (ClarifaiException failure) when (rule.DelayAfter(failure) is { } wait)
        {
            await Task.Delay(wait, _executor.Time, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }
}
