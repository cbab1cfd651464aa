namespace Clarifai.Grpc.Wrapper;

/// <summary>Clarifai rejected the request as malformed or invalid (11100, 11102, 21202, 21203, 30104, 39999, 40001, and every other …_INVALID_ARGUMENT / …_INVALID_REQUEST code). Retrying the same request does not help.</summary>
public class ClarifaiInvalidRequestException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiInvalidRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiInvalidRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiInvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiInvalidRequestException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(status, method, innerException)
    {
    }
}
