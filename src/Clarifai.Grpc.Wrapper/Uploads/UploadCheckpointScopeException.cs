namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// The checkpoint belongs to another upload (another app or user, or another source): nothing was read or sent. Use a
/// new checkpoint (another file, another job name) for this upload.
/// </summary>
public sealed class UploadCheckpointScopeException : UploadCheckpointException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="checkpoint">What the store is.</param>
    /// <param name="recorded">The scope the checkpoint belongs to.</param>
    /// <param name="requested">The scope of the upload that was refused.</param>
    public UploadCheckpointScopeException(string checkpoint, UploadCheckpointScope recorded, UploadCheckpointScope requested)
        : base($"The checkpoint {checkpoint} belongs to the upload to {recorded}; this upload goes to {requested}. Its records say nothing about this upload: use a new checkpoint (another file or job name).", checkpoint, null)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(requested);
        Recorded = recorded;
        Requested = requested;
    }

    /// <summary>The scope the checkpoint belongs to.</summary>
    public UploadCheckpointScope Recorded { get; }

    /// <summary>The scope of the upload that was refused.</summary>
    public UploadCheckpointScope Requested { get; }
}
