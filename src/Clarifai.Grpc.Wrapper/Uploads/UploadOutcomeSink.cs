using System.Threading.Channels;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Where every part of an upload reports outcomes: once per input (a second report of the same input is dropped),
/// counted in the statistics, and passed to the consumer through a bounded channel, so a slow consumer holds the
/// workers back.
/// </summary>
internal sealed class UploadOutcomeSink
{
    private readonly Channel<UploadOutcome> _channel;
    private readonly UploadStatistics _statistics;
    private readonly CancellationToken _abort;
    private readonly IUploadCheckpoint? _checkpoint;

    public UploadOutcomeSink(int capacity, UploadStatistics statistics, CancellationToken abort, IUploadCheckpoint? checkpoint = null)
    {
        _checkpoint = checkpoint;
        _channel = Channel.CreateBounded<UploadOutcome>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _statistics = statistics;
        _abort = abort;
    }

    public ChannelReader<UploadOutcome> Reader => _channel.Reader;

    /// <summary>Reports the outcome of <paramref name="item"/>, unless it was already reported.</summary>
    /// <remarks><c>wasInFlight</c>: whether the input had been handed to a sender (for the queued / in-flight counts).</remarks>
    public async ValueTask EmitAsync(UploadItem item, UploadOutcomeKind kind, ClarifaiStatus status, bool wasInFlight, bool deduplicated = false)
    {
        if (!item.TryClaimReport()) return;
        var outcome = new UploadOutcome(item.Source, item.Id, kind, status, item.Attempts, deduplicated);

        // Recorded before it is reported: an outcome the caller saw is one a re-run will not repeat.
        if (_checkpoint is not null && IsFinal(outcome)) await _checkpoint.RecordAsync(outcome, _abort).ConfigureAwait(false);
        _statistics.Record(outcome, wasInFlight);
        await _channel.Writer.WriteAsync(outcome, _abort).ConfigureAwait(false);
    }

    public async ValueTask EmitAllAsync(IEnumerable<UploadItem> items, UploadOutcomeKind kind, ClarifaiStatus status, bool wasInFlight)
    {
        foreach (var item in items) await EmitAsync(item, kind, status, wasInFlight).ConfigureAwait(false);
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Final: succeeded, or failed for a reason a re-run would meet again (not a transient one).</summary>
    private static bool IsFinal(UploadOutcome outcome) =>
        outcome.Kind == UploadOutcomeKind.Succeeded
        || (outcome.Kind == UploadOutcomeKind.Failed && outcome.Status.Code != Clarifai.Api.Status.StatusCode.Zero && !ClarifaiStatusCodes.IsRetryable(outcome.Status.Code));
}
