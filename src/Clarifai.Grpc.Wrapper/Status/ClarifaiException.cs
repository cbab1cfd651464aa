using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// A Clarifai call failed. The base of every exception this library throws for a failed call; catch the derived
/// types where the reaction differs (<see cref="ClarifaiAuthenticationException"/>,
/// <see cref="ClarifaiThrottledException"/>, <see cref="ClarifaiNotFoundException"/>,
/// <see cref="ClarifaiInvalidRequestException"/>, <see cref="ClarifaiModelTrainingFailedException"/>,
/// <see cref="ClarifaiTransportException"/>), this one for everything else.
/// </summary>
/// <remarks>
/// The message holds the RPC, the Clarifai status code with its name, description, details and <c>req_id</c>. It
/// never holds the API key: the client removes it from any text the server sent back.
/// </remarks>
public class ClarifaiException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiException()
        : this("A Clarifai call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiException(string message)
        : base(message)
    {
        Status = ClarifaiStatus.FromProto(null);
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = ClarifaiStatus.FromProto(null);
    }

    /// <summary>
    /// The exception the status table gives a failed status — <see cref="ClarifaiAuthenticationException"/>,
    /// <see cref="ClarifaiThrottledException"/>, <see cref="ClarifaiNotFoundException"/>,
    /// <see cref="ClarifaiInvalidRequestException"/>, or <see cref="ClarifaiException"/> — as every call of the library
    /// throws it: for code that checks an item's own status (an output, an input) and must fail like the library does.
    /// </summary>
    /// <param name="status">The failed status.</param>
    /// <param name="method">The RPC it came from.</param>
    /// <returns>The typed exception (not thrown).</returns>
    public static ClarifaiException FromStatus(ClarifaiStatus status, string method)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentException.ThrowIfNullOrEmpty(method);
        return ClarifaiExceptionFactory.Create(status, method);
    }

    /// <summary>Creates the exception for a status Clarifai answered.</summary>
    /// <param name="status">The status of the response.</param>
    /// <param name="method">The RPC that answered it, for example <c>PostInputs</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ClarifaiException(ClarifaiStatus status, string method, Exception? innerException = null)
        : base(FormatMessage(status, method), innerException)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        Method = method;
    }

    /// <summary>Creates the exception with its own message for a status and the RPC it concerns.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="status">The status, already free of secrets.</param>
    /// <param name="method">The RPC, for example <c>PostInputs</c>, when known.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected ClarifaiException(string message, ClarifaiStatus status, string? method, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        Method = method;
    }

    /// <summary>The status Clarifai answered; code 0 (<c>ZERO</c>) when the call never got an answer.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>The Clarifai status code, for example <see cref="StatusCode.ConnKeyInvalid"/> (11008).</summary>
    public StatusCode Code => Status.Code;

    /// <summary>Clarifai's description of the code.</summary>
    public string Description => Status.Description;

    /// <summary>Clarifai's details for this request.</summary>
    public string Details => Status.Details;

    /// <summary>The <c>req_id</c> of the failed request; quote it when asking Clarifai for support.</summary>
    public string RequestId => Status.RequestId;

    /// <summary>The RPC that failed, for example <c>PostModelOutputs</c>, when known.</summary>
    public string? Method { get; }

    /// <summary>
    /// Whether sending the same request again later may succeed (throttling, server-side transient errors,
    /// transport failures). The client already retried such calls as far as its <see cref="RetrySettings"/> allow.
    /// The same rule decides the client's own retries (see <see cref="RetrySettings"/>).
    /// </summary>
    public virtual bool IsRetryable => RetryPolicy.IsTransient(this);

    private static string FormatMessage(ClarifaiStatus status, string method) =>
        $"Clarifai {method} failed with {status}.";
}
