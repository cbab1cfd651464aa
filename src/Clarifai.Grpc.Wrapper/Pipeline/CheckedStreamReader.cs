using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>A response stream whose messages pass the status translation (see <see cref="CheckedResponses{T}"/>).</summary>
internal sealed class CheckedStreamReader<T> : IAsyncStreamReader<T>
    where T : class
{
    private readonly IAsyncStreamReader<T> _inner;
    private readonly CheckedResponses<T> _checks;
    private T? _last;

    /// <param name="inner">The transport's stream.</param>
    /// <param name="checks">The translation of each message.</param>
    /// <param name="last">The message already read from <paramref name="inner"/> (a stream's first, checked by the layers that opened it), if any.</param>
    public CheckedStreamReader(IAsyncStreamReader<T> inner, CheckedResponses<T> checks, T? last = null)
    {
        _inner = inner;
        _checks = checks;
        _last = last;
    }

    public T Current { get; private set; } = null!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        bool more;
        try
        {
            more = await _inner.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw _checks.Translate(e);
        }

        if (!more)
        {
            _checks.Completed(_last);
            return false;
        }

        Current = _checks.Check(_inner.Current);
        _last = Current;
        return true;
    }
}
