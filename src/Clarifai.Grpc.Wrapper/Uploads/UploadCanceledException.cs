namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// An upload was cancelled. <see cref="Summary"/> accounts for every input read from the source, and names those
/// whose fate is unknown (none when requests in flight were awaited).
/// </summary>
public sealed class UploadCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadCanceledException()
        : this("The upload was cancelled.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public UploadCanceledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public UploadCanceledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a cancelled upload.</summary>
    /// <param name="summary">The account of the upload up to the cancellation.</param>
    /// <param name="cancellationToken">The token that cancelled it.</param>
    public UploadCanceledException(UploadSummary summary, CancellationToken cancellationToken)
        : base($"The upload was cancelled: {summary}", null, cancellationToken)
    {
        Summary = summary;
    }

    /// <summary>The account of the upload up to the cancellation.</summary>
    public UploadSummary? Summary { get; }
}
