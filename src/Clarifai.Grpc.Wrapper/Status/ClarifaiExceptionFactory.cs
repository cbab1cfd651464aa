using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Builds every exception the pipeline throws for a failed call: a failed Clarifai status becomes the exception its
/// <see cref="StatusCategory"/> calls for, a gRPC failure a <see cref="ClarifaiTransportException"/>. What it is given
/// has already passed the credentials layer, which removes the key from everything the server sent.
/// </summary>
internal static class ClarifaiExceptionFactory
{
    public static ClarifaiException Create(ClarifaiStatus status, string method) =>
        ClarifaiStatusCodes.Categorize(status.Code) switch
        {
            StatusCategory.Authentication => new ClarifaiAuthenticationException(status, method),
            StatusCategory.Throttled => new ClarifaiThrottledException(status, method),
            StatusCategory.NotFound => new ClarifaiNotFoundException(status, method),
            StatusCategory.InvalidRequest => new ClarifaiInvalidRequestException(status, method),
            _ => new ClarifaiException(status, method),
        };

    public static ClarifaiTransportException Transport(RpcException exception, string method, int attempts) =>
        new(method, attempts, exception);
}
