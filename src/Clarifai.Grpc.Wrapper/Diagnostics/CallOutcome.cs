namespace Clarifai.Grpc.Wrapper;

/// <summary>How a logical call ended, as its activity and metrics record it.</summary>
/// <param name="StatusCode">Clarifai's status code (0 when the call got no answer).</param>
/// <param name="RequestId">The answer's <c>req_id</c>, or empty.</param>
/// <param name="GrpcStatus">The gRPC status (<see cref="GrpcStatusNames"/>): <c>OK</c> whenever Clarifai answered, even with a failure.</param>
/// <param name="Error">The failure's name (<see cref="FailureReason"/>, <c>CANCELLED</c>, an exception type), or <see langword="null"/> when the call succeeded.</param>
internal readonly record struct CallOutcome(int StatusCode, string RequestId, string GrpcStatus, string? Error)
{
    public bool Failed => Error is not null;

    public static CallOutcome Answered(int statusCode, string requestId) => new(statusCode, requestId, GrpcStatusNames.Ok, null);

    public static CallOutcome Of(ClarifaiException failure) => failure is ClarifaiTransportException transport
        ? new((int)failure.Code, failure.RequestId, GrpcStatusNames.Of(transport.GrpcStatusCode), FailureReason.Of(failure))
        : new((int)failure.Code, failure.RequestId, GrpcStatusNames.Ok, FailureReason.Of(failure));

    public static CallOutcome Cancelled { get; } = new(0, string.Empty, GrpcStatusNames.Cancelled, GrpcStatusNames.Cancelled);

    public static CallOutcome Crashed(Exception exception) => new(0, string.Empty, GrpcStatusNames.Unknown, exception.GetType().FullName ?? exception.GetType().Name);
}
