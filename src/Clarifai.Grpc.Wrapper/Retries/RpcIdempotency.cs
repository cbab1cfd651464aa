using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The one rule for which requests may be sent twice, for every RPC of the API: reads (<c>Get*</c>, <c>List*</c>,
/// <c>Stream*</c> reads, searches) and predictions (which change nothing) are idempotent; PostInputs is when every input
/// carries an id (a resend meets "already exists" instead of making a copy); every other write is not, and is resent
/// only when the failure proves it had no effect (<see cref="RetryPolicy.HadNoEffect"/>).
/// </summary>
internal static class RpcIdempotency
{
    public static bool IsIdempotent(string method, object? request) => method switch
    {
        "PostInputs" => request is PostInputsRequest post && post.Inputs.All(i => i.Id.Length > 0),
        "PostModelOutputs" or "GenerateModelOutputs" or "StreamModelOutputs" or "PostWorkflowResults" => true,
        _ when method.StartsWith("Get", StringComparison.Ordinal) || method.StartsWith("List", StringComparison.Ordinal) => true,
        _ when method.StartsWith("Stream", StringComparison.Ordinal) => true,
        _ when method.StartsWith("Post", StringComparison.Ordinal) && method.EndsWith("Searches", StringComparison.Ordinal) => true,
        _ => false,
    };
}
