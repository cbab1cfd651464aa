using System.Threading.Channels;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Where every part of an upload reports outcomes: once per input (a second report of the same input is dropped),
/// counted in the statistics, and passed to the consumer through a bounded channel, so a slow consumer holds the
/// workers back. Outcomes travel in groups — a batch's at once (<see cref="UploadOutcomeGroup"/>) — so that the
/// channel, the statistics and the checkpoint are touched once per batch, not once per input.
/// </summary>
internal sealed class UploadOutcomeSink
{
    private readonly Channel<IReadOnlyList<UploadOutcome>> _channel;
    private readonly UploadStatistics _statistics;
    private readonly CancellationToken _abort;

    /// <param name="capacity">How many groups may wait for the consumer.</param>
    /// <param name="statistics">The upload's counts.</param>
    /// <param name="abort">Tears the upload down.</param>
    public UploadOutcomeSink(int capacity, UploadStatistics statistics, CancellationToken abort)
    {
        _channel = Channel.CreateBounded<IReadOnlyList<UploadOutcome>>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _statistics = statistics;
        _abort = abort;
    }

    public ChannelReader<IReadOnlyList<UploadOutcome>> Reader => _channel.Reader;

    /// <summary>Where final outcomes are recorded before they are reported, if anywhere; set once, before the upload starts.</summary>
    public UploadJournal? Journal { get; init; }

    /// <summary>An empty group to fill and then <see cref="UploadOutcomeGroup.ReportAsync"/>.</summary>
    public UploadOutcomeGroup Group(bool wasInFlight) => new(this, wasInFlight);

    /// <summary>Reports the outcome of <paramref name="item"/>, unless it was already reported.</summary>
    /// <remarks><c>wasInFlight</c>: whether the input had been handed to a sender (for the queued / in-flight counts).</remarks>
    public ValueTask EmitAsync(UploadItem item, UploadOutcomeKind kind, ClarifaiStatus status, bool wasInFlight, bool deduplicated = false)
    {
        var group = Group(wasInFlight);
        group.Add(item, kind, status, deduplicated);
        return group.ReportAsync();
    }

    public ValueTask EmitAllAsync(IEnumerable<UploadItem> items, UploadOutcomeKind kind, ClarifaiStatus status, bool wasInFlight)
    {
        var group = Group(wasInFlight);
        foreach (var item in items) group.Add(item, kind, status);
        return group.ReportAsync();
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Records, counts and hands over <paramref name="outcomes"/> (already claimed, one per input).</summary>
    internal async ValueTask ReportAsync(List<UploadOutcome> outcomes, bool wasInFlight)
    {
        if (outcomes.Count == 0) return;

        // Recorded before they are reported: an outcome the caller saw is one a re-run will not repeat. A store that
        // fails stops the upload, but these outcomes happened: they are still counted and reported, never dropped.
        if (Journal is not null)
        {
            var final = outcomes.FindAll(IsFinal);
            await Journal.RecordFinishedAsync(final, _abort).ConfigureAwait(false);
        }

        _statistics.Record(outcomes, wasInFlight);
        await _channel.Writer.WriteAsync(outcomes, _abort).ConfigureAwait(false);
    }

    /// <summary>Final: succeeded, or failed for a reason a re-run would meet again (not a transient one).</summary>
    private static bool IsFinal(UploadOutcome outcome) =>
        outcome.Kind == UploadOutcomeKind.Succeeded
        || (outcome.Kind == UploadOutcomeKind.Failed && outcome.Status.Code != Clarifai.Api.Status.StatusCode.Zero && !ClarifaiStatusCodes.IsRetryable(outcome.Status.Code));
}
