namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>What an upload does with requests in flight when it is cancelled. Either way it stops reading the source at once.</summary>
public enum UploadCancellationMode
{
    /// <summary>Let requests in flight finish (with their retries), so that every input sent has a known fate.</summary>
    AwaitInFlight,

    /// <summary>Cancel requests in flight; their inputs are reported as <see cref="UploadOutcomeKind.Unknown"/>.</summary>
    AbandonInFlight,
}
