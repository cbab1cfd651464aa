using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper;

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

    public void Retrying(int count) => Interlocked.Add(ref _retried, count);

    /// <summary>Counts an outcome; inputs still queued (never sent) leave the queue, the others leave the flight.</summary>
    public void Record(UploadOutcome outcome, bool wasInFlight)
    {
        ClarifaiDiagnostics.UploadEnded(outcome);
        if (wasInFlight) Interlocked.Decrement(ref _inFlight);
        else Interlocked.Decrement(ref _queued);
        switch (outcome.Kind)
        {
            case UploadOutcomeKind.Succeeded:
                Interlocked.Increment(ref _succeeded);
                Interlocked.Add(ref _bytes, outcome.Input.ContentLength);
                if (outcome.Deduplicated) Interlocked.Increment(ref _deduplicated);
                break;
            case UploadOutcomeKind.Failed:
                Interlocked.Increment(ref _failed);
                break;
            case UploadOutcomeKind.NotSent:
                Interlocked.Increment(ref _notSent);
                break;
            case UploadOutcomeKind.Unknown:
                _unknown.Enqueue(outcome.InputId);
                break;
            case UploadOutcomeKind.Skipped:
                Interlocked.Increment(ref _skipped);
                break;
        }
    }

    public UploadProgress Progress() => new(
        Interlocked.Read(ref _queued), Interlocked.Read(ref _inFlight), Interlocked.Read(ref _succeeded), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _bytes), _time.GetElapsedTime(_started));

    public UploadSummary Summary() => new(
        Interlocked.Read(ref _succeeded), Interlocked.Read(ref _failed), Interlocked.Read(ref _notSent), _unknown.ToImmutableArray(),
        Interlocked.Read(ref _retried), Interlocked.Read(ref _deduplicated), Interlocked.Read(ref _bytes), _time.GetElapsedTime(_started), Interlocked.Read(ref _skipped));
}
