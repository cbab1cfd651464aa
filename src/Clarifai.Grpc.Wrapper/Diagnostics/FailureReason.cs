using System.Globalization;

namespace Clarifai.Grpc.Wrapper;

/// <summary>What a failure is called in logs, retry events and metrics, the same everywhere: <c>11005 CONN_THROTTLED</c> or <c>gRPC Unavailable</c>.</summary>
internal static class FailureReason
{
    public static string Of(ClarifaiException failure) => failure switch
    {
        ClarifaiTransportException transport => "gRPC " + transport.GrpcStatusCode,
        _ => ((int)failure.Code).ToString(CultureInfo.InvariantCulture) + " " + failure.Status.CodeName,
    };
}
