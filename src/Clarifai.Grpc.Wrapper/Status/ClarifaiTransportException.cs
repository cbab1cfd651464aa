using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The call failed below Clarifai's API: the connection could not be opened or broke, the deadline passed, or the
/// server answered a gRPC error (<see cref="GrpcStatusCode"/>). The <see cref="RpcException"/> is the inner exception;
/// <see cref="ClarifaiException.Code"/> is 0 (<c>ZERO</c>), <see cref="ClarifaiException.Description"/> names the gRPC
/// code and <see cref="ClarifaiException.Details"/> holds the gRPC status detail.
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
    /// <param name="innerException">The cause; its gRPC status code is kept when it is an <see cref="RpcException"/>.</param>
    public ClarifaiTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
        GrpcStatusCode = (innerException as RpcException)?.StatusCode ?? global::Grpc.Core.StatusCode.Unknown;
    }

    /// <summary>Creates the exception for a gRPC failure of an RPC.</summary>
    /// <param name="method">The RPC, for example <c>PostInputs</c>.</param>
    /// <param name="attempts">How many times the call was sent.</param>
    /// <param name="innerException">The gRPC failure.</param>
    public ClarifaiTransportException(string method, int attempts, RpcException innerException)
        : base(FormatMessage(method, attempts, innerException), StatusOf(innerException), method, innerException)
    {
        GrpcStatusCode = innerException.StatusCode;
        NeverSent = FailedBeforeSending(innerException);
    }

    /// <summary>The gRPC status code, for example <c>Unavailable</c>.</summary>
    public global::Grpc.Core.StatusCode GrpcStatusCode { get; }

    /// <summary>Whether the request never left this machine (no connection could be opened), so that it had no effect.</summary>
    internal bool NeverSent { get; }

    private static string FormatMessage(string method, int attempts, RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"Clarifai {method} failed in transport after {attempts} attempt(s): gRPC {exception.StatusCode}: {exception.Status.Detail}";
    }

    private static ClarifaiStatus StatusOf(RpcException exception) =>
        new(StatusCode.Zero, "gRPC " + exception.StatusCode, exception.Status.Detail, string.Empty);

    /// <summary>A refused or unresolvable connection: the request could not have reached any server.</summary>
    private static bool FailedBeforeSending(RpcException exception)
    {
        for (Exception? e = exception.Status.DebugException ?? exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable }) return true;
        }

        return false;
    }
}
