using System.Threading.Channels;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The request stream a checked raw bidirectional call hands its caller: messages go into a channel of one, which the
/// engine reads as the request source of <see cref="StreamRpcs.Duplex{TRequest, TResponse}"/> — so a raw stream is
/// opened, replayed before its first response and released exactly like the services' streams. A write completes when
/// the engine has taken the message, as a transport's write completes when the message left.
/// </summary>
internal sealed class ChannelRequestStream<T> : IClientStreamWriter<T>
    where T : class
{
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    public WriteOptions? WriteOptions { get; set; }

    /// <summary>The messages, as the engine reads them.</summary>
    public IAsyncEnumerable<T> Messages(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            // As a transport's request stream answers a write after CompleteAsync or after the call ended.
            throw new InvalidOperationException("The request stream is complete: no more requests can be written.", e);
        }
    }

    public Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <summary>Ends the stream from the call's side (disposed): a later write fails as on a finished call.</summary>
    public void Close() => _channel.Writer.TryComplete(new InvalidOperationException("The call is finished: no more requests can be written."));
}
