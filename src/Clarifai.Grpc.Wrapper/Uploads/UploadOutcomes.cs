namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// The outcomes of an upload, each as soon as its input's fate is known; enumerate it once. (A stream, not a
/// <see cref="ClarifaiOperation{T}"/>: there is no server-side operation to poll or resume by id.) The upload starts when
/// the enumeration starts, and <see cref="Summary"/> is set when it ends.
/// </summary>
/// <remarks>
/// Cancelling the enumeration's token stops reading the source; the enumeration then yields the outcomes of every
/// input already read (see <see cref="UploadOptions.CancellationMode"/>) and throws an
/// <see cref="UploadCanceledException"/> holding the summary. Leaving the enumeration early (<c>break</c>) tears the
/// upload down without waiting.
/// </remarks>
public sealed class UploadOutcomes : IAsyncEnumerable<UploadOutcome>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<UploadOutcome>> _outcomes;
    private readonly Func<UploadSummary> _summary;
    private readonly CancellationToken _cancellationToken;
    private int _started;

    internal UploadOutcomes(UploadRun run, IAsyncEnumerable<NewInput> source, CancellationToken cancellationToken)
        : this(token => run.RunAsync(source, token), run.Statistics.Summary, cancellationToken)
    {
    }

    /// <summary>An upload whose outcomes come from elsewhere: the seam of <see cref="Testing.ClarifaiFakes.UploadOutcomes"/>.</summary>
    internal UploadOutcomes(Func<CancellationToken, IAsyncEnumerable<UploadOutcome>> outcomes, Func<UploadSummary> summary, CancellationToken cancellationToken)
    {
        _outcomes = outcomes;
        _summary = summary;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The account of the upload, once the enumeration has ended (normally or by cancellation); before that <see langword="null"/>.</summary>
    public UploadSummary? Summary { get; private set; }

    /// <inheritdoc />
    public async IAsyncEnumerator<UploadOutcome> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("An upload can be enumerated only once.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        try
        {
            await foreach (var outcome in _outcomes(linked.Token).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }
        finally
        {
            Summary = _summary();
        }
    }
}
