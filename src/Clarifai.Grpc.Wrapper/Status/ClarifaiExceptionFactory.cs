namespace Clarifai.Grpc.Wrapper;

/// <summary>Turns a failed Clarifai status into the exception its <see cref="StatusCategory"/> calls for.</summary>
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
}
