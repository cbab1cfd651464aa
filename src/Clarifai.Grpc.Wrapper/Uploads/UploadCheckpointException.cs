namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// The upload's checkpoint store failed (unreachable, refused a write, a broken file): the upload ended promptly, after
/// every input already read had its outcome (<see cref="UploadOutcomes.Summary"/> accounts for them). Inputs answered after the failure were
/// reported but not recorded; a re-run with a working store sends them again under the same ids and recognises them.
/// </summary>
public class UploadCheckpointException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadCheckpointException()
        : this("The upload's checkpoint failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public UploadCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The store's own exception.</param>
    public UploadCheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the store described by <paramref name="checkpoint"/>.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="checkpoint">What the store is (<see cref="IUploadCheckpoint.Description"/>).</param>
    /// <param name="innerException">The store's own exception, if any.</param>
    protected UploadCheckpointException(string message, string checkpoint, Exception? innerException)
        : base(message, innerException)
    {
        Checkpoint = checkpoint;
    }

    /// <summary>What the store is: a file's path, or a server's address and job (never a password).</summary>
    public string? Checkpoint { get; }

    /// <summary>The exception for a store that failed while the uploader was <paramref name="what"/>.</summary>
    /// <param name="checkpoint">What the store is.</param>
    /// <param name="what">What the uploader asked of it, e.g. "recording outcomes".</param>
    /// <param name="innerException">The store's own exception; its message is kept, in one line.</param>
    internal static UploadCheckpointException StoreFailed(string checkpoint, string what, Exception innerException) =>
        new($"The checkpoint {checkpoint} failed while {what}: {innerException.Message.ReplaceLineEndings(" ").Trim()}", checkpoint, innerException);
}
