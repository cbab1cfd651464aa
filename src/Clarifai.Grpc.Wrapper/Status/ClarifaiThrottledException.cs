namespace Clarifai.Grpc.Wrapper;

/// <summary>Clarifai refused the call because of rate or usage limits (11003 hourly, 11004 monthly, 11005 throttled, 11006 limits exceeded). 11003 and 11005 are retried by the client before this is thrown; <see cref="ClarifaiException.IsRetryable"/> says whether waiting may help.</summary>
public class ClarifaiThrottledException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiThrottledException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiThrottledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiThrottledException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(status, method, innerException)
    {
    }
}
