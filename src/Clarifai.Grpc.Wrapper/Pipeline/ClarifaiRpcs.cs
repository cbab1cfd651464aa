using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The RPCs the services use, each described once for the call pipeline, typed (no reflection on the hot path).
/// Whether each may be resent is <see cref="RpcResendability"/>'s one rule, as for every other RPC.
/// </summary>
internal static class ClarifaiRpcs
{
    public static readonly UnaryRpc<PostInputsRequest, MultiInputResponse> PostInputs = new(
        "PostInputs", static (c, r, o) => c.PostInputsAsync(r, o), static r => r.Status, static r => r.Inputs.Count);

    public static readonly UnaryRpc<GetInputRequest, SingleInputResponse> GetInput = new(
        "GetInput", static (c, r, o) => c.GetInputAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListInputsRequest, MultiInputResponse> ListInputs = new(
        "ListInputs", static (c, r, o) => c.ListInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteInputsRequest, Clarifai.Api.Status.BaseResponse> DeleteInputs = new(
        "DeleteInputs", static (c, r, o) => c.DeleteInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListModelsRequest, MultiModelResponse> ListModels = new(
        "ListModels", static (c, r, o) => c.ListModelsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListModelVersionsRequest, MultiModelVersionResponse> ListModelVersions = new(
        "ListModelVersions", static (c, r, o) => c.ListModelVersionsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteModelRequest, Clarifai.Api.Status.BaseResponse> DeleteModel = new(
        "DeleteModel", static (c, r, o) => c.DeleteModelAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteModelVersionRequest, Clarifai.Api.Status.BaseResponse> DeleteModelVersion = new(
        "DeleteModelVersion", static (c, r, o) => c.DeleteModelVersionAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PatchInputsRequest, MultiInputResponse> PatchInputs = new(
        "PatchInputs", static (c, r, o) => c.PatchInputsAsync(r, o), static r => r.Status, static r => r.Inputs.Count);

    public static readonly UnaryRpc<ListConceptsRequest, MultiConceptResponse> ListConcepts = new(
        "ListConcepts", static (c, r, o) => c.ListConceptsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostConceptsRequest, MultiConceptResponse> PostConcepts = new(
        "PostConcepts", static (c, r, o) => c.PostConceptsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PatchConceptsRequest, MultiConceptResponse> PatchConcepts = new(
        "PatchConcepts", static (c, r, o) => c.PatchConceptsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<StreamInputsRequest, MultiInputResponse> StreamInputs = new(
        "StreamInputs", static (c, r, o) => c.StreamInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostInputsSearchesRequest, MultiSearchResponse> PostInputsSearches = new(
        "PostInputsSearches", static (c, r, o) => c.PostInputsSearchesAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostWorkflowsRequest, MultiWorkflowResponse> PostWorkflows = new(
        "PostWorkflows", static (c, r, o) => c.PostWorkflowsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostWorkflowResultsRequest, PostWorkflowResultsResponse> PostWorkflowResults = new(
        "PostWorkflowResults", static (c, r, o) => c.PostWorkflowResultsAsync(r, o), static r => r.Status, static r => r.Results.Count);

    public static readonly UnaryRpc<GetInputsAddJobRequest, SingleInputsAddJobResponse> GetInputsAddJob = new(
        "GetInputsAddJob", static (c, r, o) => c.GetInputsAddJobAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListWorkflowsRequest, MultiWorkflowResponse> ListWorkflows = new(
        "ListWorkflows", static (c, r, o) => c.ListWorkflowsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostAnnotationsRequest, MultiAnnotationResponse> PostAnnotations = new(
        "PostAnnotations", static (c, r, o) => c.PostAnnotationsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetAnnotationRequest, SingleAnnotationResponse> GetAnnotation = new(
        "GetAnnotation", static (c, r, o) => c.GetAnnotationAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListAnnotationsRequest, MultiAnnotationResponse> ListAnnotations = new(
        "ListAnnotations", static (c, r, o) => c.ListAnnotationsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteAnnotationRequest, Clarifai.Api.Status.BaseResponse> DeleteAnnotation = new(
        "DeleteAnnotation", static (c, r, o) => c.DeleteAnnotationAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostEvaluationsRequest, MultiEvalMetricsResponse> PostEvaluations = new(
        "PostEvaluations", static (c, r, o) => c.PostEvaluationsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetEvaluationRequest, SingleEvalMetricsResponse> GetEvaluation = new(
        "GetEvaluation", static (c, r, o) => c.GetEvaluationAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListModelVersionEvaluationsRequest, MultiEvalMetricsResponse> ListModelVersionEvaluations = new(
        "ListModelVersionEvaluations", static (c, r, o) => c.ListModelVersionEvaluationsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostDatasetsRequest, MultiDatasetResponse> PostDatasets = new(
        "PostDatasets", static (c, r, o) => c.PostDatasetsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetDatasetRequest, SingleDatasetResponse> GetDataset = new(
        "GetDataset", static (c, r, o) => c.GetDatasetAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListDatasetsRequest, MultiDatasetResponse> ListDatasets = new(
        "ListDatasets", static (c, r, o) => c.ListDatasetsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteDatasetsRequest, Clarifai.Api.Status.BaseResponse> DeleteDatasets = new(
        "DeleteDatasets", static (c, r, o) => c.DeleteDatasetsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostDatasetInputsRequest, MultiDatasetInputResponse> PostDatasetInputs = new(
        "PostDatasetInputs", static (c, r, o) => c.PostDatasetInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListDatasetInputsRequest, MultiDatasetInputResponse> ListDatasetInputs = new(
        "ListDatasetInputs", static (c, r, o) => c.ListDatasetInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteDatasetInputsRequest, Clarifai.Api.Status.BaseResponse> DeleteDatasetInputs = new(
        "DeleteDatasetInputs", static (c, r, o) => c.DeleteDatasetInputsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostDatasetVersionsRequest, MultiDatasetVersionResponse> PostDatasetVersions = new(
        "PostDatasetVersions", static (c, r, o) => c.PostDatasetVersionsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListDatasetVersionsRequest, MultiDatasetVersionResponse> ListDatasetVersions = new(
        "ListDatasetVersions", static (c, r, o) => c.ListDatasetVersionsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostAppsRequest, MultiAppResponse> PostApps = new(
        "PostApps", static (c, r, o) => c.PostAppsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetAppRequest, SingleAppResponse> GetApp = new(
        "GetApp", static (c, r, o) => c.GetAppAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<ListAppsRequest, MultiAppResponse> ListApps = new(
        "ListApps", static (c, r, o) => c.ListAppsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PatchAppsRequest, MultiAppResponse> PatchApps = new(
        "PatchApps", static (c, r, o) => c.PatchAppsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<DeleteAppRequest, Clarifai.Api.Status.BaseResponse> DeleteApp = new(
        "DeleteApp", static (c, r, o) => c.DeleteAppAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostModelsRequest, SingleModelResponse> PostModels = new(
        "PostModels", static (c, r, o) => c.PostModelsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetModelRequest, SingleModelResponse> GetModel = new(
        "GetModel", static (c, r, o) => c.GetModelAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostModelVersionsRequest, SingleModelResponse> PostModelVersions = new(
        "PostModelVersions", static (c, r, o) => c.PostModelVersionsAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<GetModelVersionRequest, SingleModelVersionResponse> GetModelVersion = new(
        "GetModelVersion", static (c, r, o) => c.GetModelVersionAsync(r, o), static r => r.Status);

    public static readonly UnaryRpc<PostModelOutputsRequest, MultiOutputResponse> PostModelOutputs = new(
        "PostModelOutputs", static (c, r, o) => c.PostModelOutputsAsync(r, o), static r => r.Status, static r => r.Outputs.Count);

    /// <summary>The server-streaming generation RPC (streams are opened by <see cref="StreamingCalls"/>, not the unary layers).</summary>
    public const string GenerateModelOutputsName = "GenerateModelOutputs";

    /// <summary>The bidirectional prediction RPC.</summary>
    public const string StreamModelOutputsName = "StreamModelOutputs";
}
