using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// What one attempt at a streaming call gives the layers when it succeeds: the stream, open, with its first response
/// read (or ended without one). The layers treat the opening as the "response" of a unary call — paced, traced,
/// retried by the one policy, translated by the one table — and the rest of the stream is read by the caller under the
/// same telemetry (<see cref="Telemetry"/>, handed over by <see cref="TelemetryLayer"/>) and the same deadline.
/// </summary>
/// <remarks>
/// Owns the call: the layers release an opening they refuse (<see cref="StatusTranslationLayer"/>), the caller the one
/// it takes, by <see cref="DisposeAsync"/>.
/// </remarks>
internal sealed class StreamOpening<T> : IStreamOpening, IAsyncDisposable
    where T : class
{
    private readonly Func<ValueTask> _release;
    private int _released;

    public StreamOpening(IAsyncStreamReader<T> responses, T? first, Func<ValueTask> release, CancellationToken readToken)
    {
        Responses = responses;
        First = first;
        ReadToken = readToken;
        _release = release;
    }

    /// <summary>The response stream, positioned on <see cref="First"/>.</summary>
    public IAsyncStreamReader<T> Responses { get; }

    /// <summary>The first response, or <see langword="null"/> when the stream ended without one.</summary>
    public T? First { get; }

    /// <summary>The token the rest of the stream is read with (the attempt's).</summary>
    public CancellationToken ReadToken { get; }

    /// <summary>The telemetry of the logical call, which the rest of the stream ends.</summary>
    public StreamCallTelemetry? Telemetry { get; private set; }

    public void ContinueWith(StreamCallTelemetry telemetry) => Telemetry = telemetry;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? _release() : ValueTask.CompletedTask;
}
