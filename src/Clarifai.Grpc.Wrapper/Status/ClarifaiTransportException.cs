using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The call failed below Clarifai's API: the connection, HTTP/2 or gRPC layer (unavailable, deadline exceeded,
/// internal, …). The <see cref="RpcException"/> is the <see cref="Exception.InnerException"/>.
/// </summary>
public class ClarifaiTransportException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
        GrpcStatusCode = (innerException as RpcException)?.StatusCode ?? global::Grpc.Core.StatusCode.Unknown;
    }

    /// <summary>Creates the exception for a failed gRPC call.</summary>
    /// <param name="method">The RPC, for example <c>PostInputs</c>.</param>
    /// <param name="attempts">How many times the call was sent.</param>
    /// <param name="innerException">The gRPC failure.</param>
    public ClarifaiTransportException(string method, int attempts, RpcException innerException)
        : base(FormatMessage(method, attempts, innerException), innerException)
    {
        GrpcStatusCode = innerException.StatusCode;
    }

    /// <summary>The gRPC status code of the failure, for example <see cref="global::Grpc.Core.StatusCode.Unavailable"/>.</summary>
    public global::Grpc.Core.StatusCode GrpcStatusCode { get; }

    /// <inheritdoc />
    public override bool IsRetryable => GrpcStatusCode is global::Grpc.Core.StatusCode.Unavailable or global::Grpc.Core.StatusCode.DeadlineExceeded or global::Grpc.Core.StatusCode.ResourceExhausted;

    private static string FormatMessage(string method, int attempts, RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"Clarifai {method} failed in transport after {attempts} attempt(s): gRPC {exception.StatusCode}: {exception.Status.Detail}";
    }
}
