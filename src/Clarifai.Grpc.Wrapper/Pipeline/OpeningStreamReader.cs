using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The response stream a checked raw streaming call hands its caller at once, while the layers open the stream: the
/// first <see cref="MoveNext"/> waits for the opening (and throws what the layers threw), then the stream is read
/// through <see cref="StreamingCalls.ReadAsync{T}"/> — the same reading as the services'.
/// </summary>
internal sealed class OpeningStreamReader<T> : IAsyncStreamReader<T>, IDisposable
    where T : class
{
    private readonly Task<StreamOpening<T>> _opening;
    private readonly string _method;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _abandon;
    private readonly Action? _opened;
    private IAsyncEnumerator<T>? _responses;

    /// <param name="opening">The layers' opening of the stream.</param>
    /// <param name="method">The RPC's name.</param>
    /// <param name="time">The client's clock.</param>
    /// <param name="abandon">Cancelled by <see cref="Dispose"/>: the opening's token, so a call disposed early stops opening.</param>
    /// <param name="opened">Called once the layers accepted the opening (a duplex call then stops keeping its requests).</param>
    public OpeningStreamReader(Task<StreamOpening<T>> opening, string method, TimeProvider time, CancellationTokenSource abandon, Action? opened = null)
    {
        _opened = opened;
        _opening = opening;
        _method = method;
        _time = time;
        _abandon = abandon;
    }

    public T Current { get; private set; } = null!;

    /// <summary>Whether the stream ended well (for the call's <c>GetStatus()</c>).</summary>
    public bool Completed { get; private set; }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_responses is null)
        {
            var opening = await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
            _opened?.Invoke();
            _responses = StreamingCalls.ReadAsync(opening, _method, _time, _abandon.Token).GetAsyncEnumerator(cancellationToken);
        }

        if (!await _responses.MoveNextAsync().ConfigureAwait(false))
        {
            Completed = true;
            return false;
        }

        Current = _responses.Current;
        return true;
    }

    /// <summary>
    /// Disposes the reading; a read still unwinding from the cancellation refuses that (it releases the stream itself
    /// when it ends), which is not a failure of the caller's dispose.
    /// </summary>
    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<T> responses)
    {
        try
        {
            await responses.DisposeAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A MoveNext in progress: the reading ends on the cancellation and runs its own release.
        }
    }

    /// <summary>Leaves the stream: an opening under way is cancelled, an open stream released and its telemetry ended.</summary>
    public void Dispose()
    {
        _abandon.Cancel();
        if (_responses is { } responses) _ = DisposeQuietlyAsync(responses);
        else _ = _opening.ContinueWith(static (opened, state) => opened.Result.DisposeAsync().AsTask(), null, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap();
    }
}
