using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>The statuses the uploader gives inputs that the server never answered for (code 0, explained in the description).</summary>
internal static class UploadStatuses
{
    public static readonly ClarifaiStatus Cancelled = Local("Not sent: the upload was cancelled, or stopped by an error, before this input was sent");

    public static readonly ClarifaiStatus CheckpointFailed = Local("Not sent: the upload's checkpoint failed before this input's request could be recorded as sent");

    public static readonly ClarifaiStatus CircuitOpen = Local("Not sent: the server was unreachable (several requests in a row failed in transport), so sending stopped for a while");

    public static readonly ClarifaiStatus Unanswered = Local("Unknown: the server never answered for this input within the attempts allowed");

    public static readonly ClarifaiStatus Skipped = new(Clarifai.Api.Status.StatusCode.Success, "Skipped", "Not sent: the checkpoint says an earlier run of this job finished this input", string.Empty);

    public static readonly ClarifaiStatus Abandoned = Local("Unknown: the upload was cancelled while this input's request was in flight");

    /// <summary>The upload stopped on an error (see the exception it ended with) before this input had an outcome.</summary>
    public static ClarifaiStatus Stopped(Exception error) => Local($"Unknown: the upload stopped on {error.GetType().Name} before this input had an outcome");

    /// <summary>Inputs the server accepted whose processing could not be confirmed.</summary>
    public static ClarifaiStatus ProcessingUnconfirmed(string why) => new(StatusCode.InputInProgress, "Processing was not confirmed", why, string.Empty);

    private static ClarifaiStatus Local(string description) => new(StatusCode.Zero, description, string.Empty, string.Empty);
}
