using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper;

/// <summary>The RPCs the services use, each described once for the call pipeline.</summary>
internal static class ClarifaiRpcs
{
    /// <summary>Idempotent only when every input has a client id: a resend then meets "already exists" instead of creating a copy.</summary>
    public static readonly UnaryRpc<PostInputsRequest, MultiInputResponse> PostInputs = new(
        "PostInputs",
        static (c, r, o) => c.PostInputsAsync(r, o),
        static r => r.Status,
        static r => r.Inputs.All(i => i.Id.Length > 0),
        static r => r.Inputs.Count);

    public static readonly UnaryRpc<GetInputRequest, SingleInputResponse> GetInput = new(
        "GetInput", static (c, r, o) => c.GetInputAsync(r, o), static r => r.Status, static _ => true);

    public static readonly UnaryRpc<ListInputsRequest, MultiInputResponse> ListInputs = new(
        "ListInputs", static (c, r, o) => c.ListInputsAsync(r, o), static r => r.Status, static _ => true);

    /// <summary>Not idempotent in general (it creates a model), although the model id makes a second create fail rather than duplicate.</summary>
    public static readonly UnaryRpc<PostModelsRequest, SingleModelResponse> PostModels = new(
        "PostModels", static (c, r, o) => c.PostModelsAsync(r, o), static r => r.Status, static _ => false);

    public static readonly UnaryRpc<GetModelRequest, SingleModelResponse> GetModel = new(
        "GetModel", static (c, r, o) => c.GetModelAsync(r, o), static r => r.Status, static _ => true);

    /// <summary>Never idempotent: each call starts a new training and creates a new version.</summary>
    public static readonly UnaryRpc<PostModelVersionsRequest, SingleModelResponse> PostModelVersions = new(
        "PostModelVersions", static (c, r, o) => c.PostModelVersionsAsync(r, o), static r => r.Status, static _ => false);

    public static readonly UnaryRpc<GetModelVersionRequest, SingleModelVersionResponse> GetModelVersion = new(
        "GetModelVersion", static (c, r, o) => c.GetModelVersionAsync(r, o), static r => r.Status, static _ => true);

    /// <summary>Predictions change nothing, so they are always safe to resend.</summary>
    public static readonly UnaryRpc<PostModelOutputsRequest, MultiOutputResponse> PostModelOutputs = new(
        "PostModelOutputs",
        static (c, r, o) => c.PostModelOutputsAsync(r, o),
        static r => r.Status,
        static _ => true,
        static r => r.Outputs.Count);
}
