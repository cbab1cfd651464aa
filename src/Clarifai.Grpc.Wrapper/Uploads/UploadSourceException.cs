namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// A part of an upload's source cannot become an input: a file that is empty, too large, not an image, gone or
/// unreadable, or a row that cannot be parsed. The message starts with <see cref="Location"/> (a file's path, or
/// <c>file:line</c>). Thrown from the source, it ends the reading there: everything read before it is still sent and
/// reported, and then the upload ends with this exception.
/// </summary>
public sealed class UploadSourceException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadSourceException()
        : this("The upload's source could not be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public UploadSourceException(string message)
        : base(message)
    {
        Location = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public UploadSourceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Location = string.Empty;
    }

    /// <summary>Creates the exception for the part of the source at <paramref name="location"/>.</summary>
    /// <param name="location">Where: a file's path, or <c>file:line</c>.</param>
    /// <param name="problem">What is wrong with it, as a sentence a user can act on.</param>
    /// <param name="innerException">The cause, if any.</param>
    public UploadSourceException(string location, string problem, Exception? innerException)
        : base($"{location}: {problem}", innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        Location = location;
        Problem = problem;
    }

    /// <summary>Where in the source: a file's path, or <c>file:line</c>; empty when unknown.</summary>
    public string Location { get; }

    /// <summary>What is wrong there, without the location.</summary>
    public string? Problem { get; }
}
