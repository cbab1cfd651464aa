namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The model itself failed on the input (21313 MODEL_PREDICTION_FAILED, or 10020 FAILURE answered by a prediction,
/// generation or stream call): its error is in <see cref="ClarifaiException.Details"/> (and <see cref="ClarifaiException.Description"/>).
/// Not retried: the same input fails again.
/// </summary>
public class ClarifaiModelFailedException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiModelFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiModelFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiModelFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiModelFailedException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(status, method, innerException)
    {
    }
}
