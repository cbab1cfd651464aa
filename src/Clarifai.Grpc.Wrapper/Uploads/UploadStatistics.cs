using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>The running counts of one upload, updated by its reader and workers; the source of progress and summary.</summary>
internal sealed class UploadStatistics
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ConcurrentQueue<string> _unknown = new();
    private long _queued;
    private long _inFlight;
    private long _succeeded;
    private long _failed;
    private long _notSent;
    private long _skipped;
    private long _retried;
    private long _requestsRetried;
    private long _deduplicated;
    private long _bytes;

    public UploadStatistics(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
    }

    public void Read() => Interlocked.Increment(ref _queued);

    public void Sending(int count)
    {
        Interlocked.Add(ref _queued, -count);
        Interlocked.Add(ref _inFlight, count);
    }

    /// <summary>A request is sent again, carrying <paramref name="inputs"/> inputs that were sent before.</summary>
    public void Retrying(int inputs)
    {
        Interlocked.Increment(ref _requestsRetried);
        Interlocked.Add(ref _retried, inputs);
    }

    /// <summary>Counts outcomes; inputs still queued (never sent) leave the queue, the others leave the flight.</summary>
    public void Record(IReadOnlyList<UploadOutcome> outcomes, bool wasInFlight)
    {
        long succeeded = 0, failed = 0, notSent = 0, skipped = 0, deduplicated = 0, bytes = 0;
        foreach (var outcome in outcomes)
        {
            ClarifaiDiagnostics.UploadEnded(outcome);
            switch (outcome.Kind)
            {
                case UploadOutcomeKind.Succeeded:
                    succeeded++;
                    bytes += outcome.Input.ContentLength;
                    if (outcome.Deduplicated) deduplicated++;
                    break;
                case UploadOutcomeKind.Failed:
                    failed++;
                    break;
                case UploadOutcomeKind.NotSent:
                    notSent++;
                    break;
                case UploadOutcomeKind.Unknown:
                    _unknown.Enqueue(outcome.InputId);
                    break;
                case UploadOutcomeKind.Skipped:
                    skipped++;
                    break;
            }
        }

        // Counted once per group: the counters are shared by every worker.
        if (wasInFlight) Interlocked.Add(ref _inFlight, -outcomes.Count);
        else Interlocked.Add(ref _queued, -outcomes.Count);
        if (succeeded > 0) Interlocked.Add(ref _succeeded, succeeded);
        if (bytes > 0) Interlocked.Add(ref _bytes, bytes);
        if (deduplicated > 0) Interlocked.Add(ref _deduplicated, deduplicated);
        if (failed > 0) Interlocked.Add(ref _failed, failed);
        if (notSent > 0) Interlocked.Add(ref _notSent, notSent);
        if (skipped > 0) Interlocked.Add(ref _skipped, skipped);
    }

    public UploadProgress Progress() => new(
        Interlocked.Read(ref _queued), Interlocked.Read(ref _inFlight), Interlocked.Read(ref _succeeded), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _bytes), _time.GetElapsedTime(_started));

    public UploadSummary Summary() => new(
        Interlocked.Read(ref _succeeded), Interlocked.Read(ref _failed), Interlocked.Read(ref _notSent), _unknown.ToImmutableArray(),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _deduplicated), Interlocked.Read(ref _bytes), _time.GetElapsedTime(_started), Interlocked.Read(ref _skipped))
    {
        RequestsRetried = Interlocked.Read(ref _requestsRetried),
    };
}
