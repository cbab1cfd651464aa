namespace Clarifai.Grpc.Wrapper;

/// <summary>The fate of one input of an upload.</summary>
public enum UploadOutcomeKind
{
    /// <summary>Clarifai has the input (and, with <see cref="UploadOptions.WaitForProcessing"/>, processed it).</summary>
    Succeeded,

    /// <summary>The input was refused, or retries were used up; <see cref="UploadOutcome.Status"/> says why.</summary>
    Failed,

    /// <summary>The upload was cancelled before the input was sent: Clarifai does not have it.</summary>
    NotSent,

    /// <summary>The upload was cancelled while the input's request was in flight: Clarifai may or may not have it.</summary>
    Unknown,
}
