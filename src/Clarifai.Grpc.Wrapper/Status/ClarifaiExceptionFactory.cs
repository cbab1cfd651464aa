using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Builds every exception the pipeline throws for a failed call: a failed Clarifai status becomes the exception its
/// <see cref="StatusCategory"/> calls for, a gRPC failure a <see cref="ClarifaiTransportException"/>. What it is given
/// has already passed the credentials layer, which removes the key from everything the server sent.
/// </summary>
internal static class ClarifaiExceptionFactory
{
    /// <summary>The RPCs whose 10020 FAILURE without items is the model's own failure (Clarifai's runtime answers a model error so).</summary>
    private static readonly HashSet<string> ModelOutputRpcs = [ClarifaiRpcs.PostModelOutputs.Name, ClarifaiRpcs.GenerateModelOutputsName, ClarifaiRpcs.StreamModelOutputsName];

    public static ClarifaiException Create(ClarifaiStatus status, string method) =>
        (status.Code == StatusCode.Failure && ModelOutputRpcs.Contains(method) ? StatusCategory.ModelFailed : ClarifaiStatusCodes.Categorize(status.Code)) switch
        {
            StatusCategory.ModelFailed => new ClarifaiModelFailedException(status, method),
            StatusCategory.Authentication => new ClarifaiAuthenticationException(status, method),
            StatusCategory.Throttled => new ClarifaiThrottledException(status, method),
            StatusCategory.NotFound => new ClarifaiNotFoundException(status, method),
            StatusCategory.InvalidRequest => new ClarifaiInvalidRequestException(status, method),
            _ => new ClarifaiException(status, method),
        };

    public static ClarifaiTransportException Transport(RpcException exception, string method, int attempts) =>
        new(method, attempts, exception);
}
