using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Which top-level Clarifai statuses are results rather than errors: 10000 always; 10010 MIXED_STATUS and 10020 FAILURE
/// when the response lists items, each with its own status (a batch answer). Anything else is an error.
/// </summary>
internal static class StatusAcceptance
{
    public static bool Accepts<TResponse>(StatusCode code, Func<TResponse, int>? itemCount, TResponse response) => code switch
    {
        StatusCode.Success => true,
        StatusCode.MixedStatus or StatusCode.Failure => itemCount is not null && itemCount(response) > 0,
        _ => false,
    };
}
