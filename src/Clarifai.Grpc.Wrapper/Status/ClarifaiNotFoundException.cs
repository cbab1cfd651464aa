namespace Clarifai.Grpc.Wrapper;

/// <summary>The addressed resource does not exist (11101, 21200 model, 30102 input, and every other …_DOES_NOT_EXIST code).</summary>
public class ClarifaiNotFoundException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiNotFoundException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(status, method, innerException)
    {
    }
}
