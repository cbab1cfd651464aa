namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Outcomes gathered to be reported together through an <see cref="UploadOutcomeSink"/>: each input is claimed when
/// added (so an input already reported elsewhere is left out), and the group is recorded, counted and handed to the
/// consumer in one step.
/// </summary>
internal sealed class UploadOutcomeGroup
{
    private readonly UploadOutcomeSink _sink;
    private readonly bool _wasInFlight;
    private readonly List<UploadOutcome> _outcomes = [];

    public UploadOutcomeGroup(UploadOutcomeSink sink, bool wasInFlight)
    {
        _sink = sink;
        _wasInFlight = wasInFlight;
    }

    /// <summary>Adds the outcome of <paramref name="item"/>, unless it was already reported.</summary>
    public void Add(UploadItem item, UploadOutcomeKind kind, ClarifaiStatus status, bool deduplicated = false)
    {
        if (item.TryClaimReport()) _outcomes.Add(new UploadOutcome(item.Source, item.Id, kind, status, item.Attempts, deduplicated));
    }

    /// <summary>Reports the group; it must not be used afterwards.</summary>
    public ValueTask ReportAsync() => _sink.ReportAsync(_outcomes, _wasInFlight);
}
