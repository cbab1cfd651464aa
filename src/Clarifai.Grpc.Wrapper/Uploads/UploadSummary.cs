using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>The account of a whole upload: every input read from the source is in exactly one of the counts.</summary>
public sealed class UploadSummary
{
    internal UploadSummary(long succeeded, long failed, long notSent, ImmutableArray<string> unknownInputIds, long retried, long deduplicated, long bytes, TimeSpan duration, long skipped = 0)
    {
        Skipped = skipped;
        Succeeded = succeeded;
        Failed = failed;
        NotSent = notSent;
        UnknownInputIds = unknownInputIds;
        Retried = retried;
        Deduplicated = deduplicated;
        Bytes = bytes;
        Duration = duration;
    }

    /// <summary>Inputs Clarifai has.</summary>
    public long Succeeded { get; }

    /// <summary>Inputs that failed for good (each reported with its reason as an <see cref="UploadOutcome"/>).</summary>
    public long Failed { get; }

    /// <summary>Inputs read from the source but not sent because the upload was cancelled.</summary>
    public long NotSent { get; }

    /// <summary>
    /// The ids of the inputs whose fate is unknown: in flight when the upload was cancelled with
    /// <see cref="UploadCancellationMode.AbandonInFlight"/>, or out of attempts after failures that may have reached
    /// the server. Empty when requests in flight were awaited and every input got an answer.
    /// </summary>
    public ImmutableArray<string> UnknownInputIds { get; }

    /// <summary>Inputs not sent because the checkpoint says an earlier run of the job finished them (<see cref="UploadOutcomeKind.Skipped"/>).</summary>
    public long Skipped { get; }

    /// <summary>All inputs read from the source.</summary>
    public long Total => Succeeded + Failed + NotSent + Skipped + UnknownInputIds.Length;

    /// <summary>
    /// Inputs sent again after a transient failure, counted once per re-sending (a batch of 50 re-sent twice counts
    /// 100). The same as <see cref="InputsResent"/>; see <see cref="RequestsRetried"/> for requests.
    /// </summary>
    public long Retried { get; }

    /// <summary>Inputs sent again after a transient failure, counted once per re-sending.</summary>
    public long InputsResent => Retried;

    /// <summary>PostInputs requests sent again after a transient failure (a whole batch, or the inputs of it left to retry).</summary>
    public long RequestsRetried { get; internal init; }

    /// <summary>Succeeded inputs that a re-sent request found already added by an earlier attempt of this upload.</summary>
    public long Deduplicated { get; }

    /// <summary>Encoded bytes of the inputs that succeeded.</summary>
    public long Bytes { get; }

    /// <summary>How long the upload took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Succeeded inputs per second.</summary>
    public double InputsPerSecond => Duration > TimeSpan.Zero ? Succeeded / Duration.TotalSeconds : 0;

    /// <summary>Whether all, some or none of the inputs succeeded.</summary>
    public UploadResult Result => Succeeded + Skipped == Total ? UploadResult.All : Succeeded == 0 ? UploadResult.None : UploadResult.Some;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Result}: {Succeeded} succeeded ({Deduplicated} deduplicated), {Failed} failed, {NotSent} not sent, {Skipped} skipped, {UnknownInputIds.Length} unknown; {RequestsRetried} requests retried ({InputsResent} inputs re-sent), {Bytes} bytes in {Duration.TotalSeconds:0.0} s ({InputsPerSecond:0} inputs/s)";
}
