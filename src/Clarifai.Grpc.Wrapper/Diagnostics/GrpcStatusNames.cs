using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// gRPC status codes as OpenTelemetry's RPC conventions write them in <c>rpc.response.status_code</c>: the canonical
/// names of the gRPC specification (<c>OK</c>, <c>UNAVAILABLE</c>, <c>DEADLINE_EXCEEDED</c>), not the C# enum's.
/// </summary>
internal static class GrpcStatusNames
{
    public const string Ok = "OK";

    public const string Cancelled = "CANCELLED";

    public const string Unknown = "UNKNOWN";

    public static string Of(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.Cancelled => Cancelled,
        StatusCode.Unknown => Unknown,
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => Unknown,
    };
}
