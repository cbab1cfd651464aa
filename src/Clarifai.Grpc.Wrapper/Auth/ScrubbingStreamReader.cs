using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>A response stream whose every message, and every failure, has passed the <see cref="SecretScrubber"/>.</summary>
internal sealed class ScrubbingStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly IAsyncStreamReader<T> _inner;
    private readonly SecretScrubber _scrubber;

    public ScrubbingStreamReader(IAsyncStreamReader<T> inner, SecretScrubber scrubber)
    {
        _inner = inner;
        _scrubber = scrubber;
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

        Current = _scrubber.Scrub(_inner.Current);
        return true;
    }
}
