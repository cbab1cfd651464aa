namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>What an <see cref="IUploadCheckpoint"/> knows of one input.</summary>
public enum UploadCheckpointState
{
    /// <summary>A request carrying the input left (or was about to leave); its outcome was never recorded: it may be stored.</summary>
    Sent,

    /// <summary>The input has a final outcome: it succeeded, or failed for a reason a re-run would meet again.</summary>
    Finished,
}
