using System.Runtime.ExceptionServices;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The caller's request stream of a bidirectional call, read once and written to each attempt: the requests an attempt
/// wrote before the first response are kept and written again to the next attempt; once a response has arrived nothing
/// is kept. One pull from the caller's source is outstanding at a time, shared across attempts, so an abandoned attempt
/// never loses a request and never waits for the caller's next one.
/// </summary>
internal sealed class ReplayableRequests<T> : IAsyncDisposable
    where T : class
{
    private readonly IAsyncEnumerator<T> _source;
    private readonly object _gate = new();
    private List<T>? _kept = [];
    private Task<bool>? _pendingPull;
    private bool _exhausted;
    private ExceptionDispatchInfo? _failure;

    public ReplayableRequests(IAsyncEnumerable<T> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _source = requests.GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>
    /// Writes the kept requests, then the caller's next ones, to one attempt, and completes its request stream when the
    /// caller's source ends. Returns when the attempt is cancelled; a failure of the caller's source cancels it.
    /// Writes take no token (a fake writer need not support one): cancelling the attempt cancels the call, and with it
    /// any pending write.
    /// </summary>
    public async Task WriteToAsync(IClientStreamWriter<T> writer, CancellationTokenSource attempt)
    {
        var cancellationToken = attempt.Token;
        try
        {
            List<T> replay;
            lock (_gate) replay = _kept is null ? [] : [.. _kept];
            foreach (var request in replay) await writer.WriteAsync(request).ConfigureAwait(false);

            while (!_exhausted)
            {
                var pull = _pendingPull ??= _source.MoveNextAsync().AsTask();
                var more = await pull.WaitAsync(cancellationToken).ConfigureAwait(false);
                _pendingPull = null;
                if (!more)
                {
                    _exhausted = true;
                    break;
                }

                var request = _source.Current;
                ArgumentNullException.ThrowIfNull(request, "requests");
                lock (_gate) _kept?.Add(request);
                await writer.WriteAsync(request).ConfigureAwait(false);
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException or InvalidOperationException)
        {
            // The attempt was abandoned; what it pulled is kept (or no longer needed).
        }
        catch (RpcException)
        {
            // The call failed; the response stream reports why.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            await attempt.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A response has arrived: the stream will not be opened again, so nothing more is kept.</summary>
    public void StopKeeping()
    {
        lock (_gate) _kept = null;
    }

    /// <summary>Rethrows the caller's source's failure, which is the stream's.</summary>
    public void ThrowIfFailed() => _failure?.Throw();

    public ValueTask DisposeAsync()
    {
        if (_pendingPull is not { IsCompleted: false } pull) return _source.DisposeAsync();

        // The stream ended while the caller's source was still producing: dispose it once that pull ends, without waiting
        // here for a request nobody will send.
        _ = pull.ContinueWith(static (_, source) => ((IAsyncEnumerator<T>)source!).DisposeAsync().AsTask(), _source, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return ValueTask.CompletedTask;
    }
}
