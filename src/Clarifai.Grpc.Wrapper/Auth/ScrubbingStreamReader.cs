using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>A response stream whose every message, and every failure, has passed the <see cref="SecretScrubber"/>.</summary>
internal sealed class ScrubbingStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly IAsyncStreamReader<T> _inner;
    private readonly SecretScrubber _scrubber;
    private readonly bool _checkedOnArrival;

    /// <param name="inner">The stream.</param>
    /// <param name="scrubber">The client's scrubber.</param>
    /// <param name="checkedOnArrival">Whether each message was already checked as it was decoded (<see cref="ScrubbingMarshallers"/>).</param>
    public ScrubbingStreamReader(IAsyncStreamReader<T> inner, SecretScrubber scrubber, bool checkedOnArrival = false)
    {
        _inner = inner;
        _scrubber = scrubber;
        _checkedOnArrival = checkedOnArrival;
    }

    public T Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _inner.MoveNext(cancellationToken).ConfigureAwait(false)) return false;
        }
        catch (RpcException e)
        {
            throw _scrubber.Scrub(e);
        }

        Current = _checkedOnArrival ? _inner.Current : _scrubber.Scrub(_inner.Current);
        return true;
    }
}
