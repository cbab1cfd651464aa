using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A mocked model of the older kind, as the adapters discover it: GetModel without method signatures, and the
/// <c>_GET_SIGNATURES</c> query refused with 30101 as such models do; every other PostModelOutputs is the test's.
/// </summary>
internal static class OlderKindModels
{
    public static MockV2 OlderKindModel(this MockV2 mock, Func<PostModelOutputsRequest, AsyncUnaryCall<MultiOutputResponse>> answer) =>
        mock.Returns<GetModelRequest, SingleModelResponse>(new SingleModelResponse { Status = Responses.Status(StatusCode.Success), Model = new Model { Id = "m", ModelVersion = new ModelVersion { Id = "v1" } } })
            .On<PostModelOutputsRequest, MultiOutputResponse>(request => IsSignatureQuery(request) ? GrpcCalls.Unary(ClarifaiFakes.ErrorResponse<MultiOutputResponse>(StatusCode.InputUnsupportedFormat)) : answer(request));

    public static MockV2 OlderKindModel(this MockV2 mock, params MultiOutputResponse[] answers)
    {
        var queue = new Queue<MultiOutputResponse>(answers);
        return mock.OlderKindModel(_ =>
        {
            lock (queue) return GrpcCalls.Unary(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        });
    }

    public static bool IsSignatureQuery(PostModelOutputsRequest request) =>
        request.Inputs.Count == 1 && request.Inputs[0].Data?.Metadata?.Fields.TryGetValue("_method_name", out var name) == true && name.StringValue == "_GET_SIGNATURES";

    /// <summary>The calls that predicted or generated (not the discovery of the model's methods).</summary>
    public static List<RecordedCall> Predictions(this MockV2 mock) =>
        mock.Calls.Where(c => c.Method is "GenerateModelOutputs" or "StreamModelOutputs" || (c.Method == "PostModelOutputs" && !IsSignatureQuery((PostModelOutputsRequest)c.Request))).ToList();
}
