using System.Threading.Channels;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>
/// Both ends of a fake bidirectional call that answers as a server would: each request written produces its responses
/// at once, and the response stream ends when the request stream is completed — or, when answering a request throws an
/// <see cref="RpcException"/> (a server failing the call), with that exception on both sides.
/// </summary>
internal sealed class RespondingDuplexStream<TRequest, TResponse> : IClientStreamWriter<TRequest>, IAsyncStreamReader<TResponse>
{
    private readonly Func<TRequest, IEnumerable<TResponse>> _respond;
    private readonly IList<TRequest>? _sent;
    private readonly Channel<TResponse> _responses = Channel.CreateUnbounded<TResponse>();

    public RespondingDuplexStream(Func<TRequest, IEnumerable<TResponse>> respond, IList<TRequest>? sent)
    {
        _respond = respond;
        _sent = sent;
    }

    public WriteOptions? WriteOptions { get; set; }

    public TResponse Current { get; private set; } = default!;

    public Task WriteAsync(TRequest message)
    {
        if (_sent is not null)
        {
            lock (_sent) _sent.Add(message);
        }

        IEnumerable<TResponse> responses;
        try
        {
            responses = _respond(message).ToList();
        }
        catch (RpcException e)
        {
            // The server failed the call: as on a real channel, the response stream ends with that status too.
            _responses.Writer.TryComplete(e);
            throw;
        }

        foreach (var response in responses)
        {
            if (!_responses.Writer.TryWrite(response)) throw new InvalidOperationException("The request stream was already completed.");
        }

        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        _responses.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await _responses.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return false;
        Current = await _responses.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
