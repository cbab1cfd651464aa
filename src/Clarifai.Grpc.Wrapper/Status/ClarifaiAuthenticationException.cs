namespace Clarifai.Grpc.Wrapper;

/// <summary>Clarifai refused the credentials: a missing, invalid or unknown key (11002, 11008, 11009), insufficient scopes (11007), no permission (…_PERMISSION_DENIED) or a disabled auth method (11200). Retrying does not help; fix the key or its scopes.</summary>
public class ClarifaiAuthenticationException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiAuthenticationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiAuthenticationException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(status, method, innerException)
    {
    }
}
