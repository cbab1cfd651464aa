namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>The fate of one input of an upload.</summary>
public enum UploadOutcomeKind
{
    /// <summary>Clarifai has the input (and, with <see cref="UploadOptions.WaitForProcessing"/>, processed it).</summary>
    Succeeded,

    /// <summary>The input was refused, or retries were used up; <see cref="UploadOutcome.Status"/> says why.</summary>
    Failed,

    /// <summary>The upload was cancelled before the input was sent: Clarifai does not have it.</summary>
    NotSent,

    /// <summary>
    /// Clarifai may or may not have the input: the upload was cancelled with
    /// <see cref="UploadCancellationMode.AbandonInFlight"/> while its request was in flight, or its attempts ran out
    /// after failures that may have reached the server (a lost answer).
    /// </summary>
    Unknown,

    /// <summary>
    /// Not sent: the upload's <see cref="UploadOptions.Checkpoint"/> says an earlier run of the same job already has a
    /// final outcome for this input (it succeeded, or failed for good).
    /// </summary>
    Skipped,
}
