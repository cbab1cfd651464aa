using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// PostWorkflows, GetWorkflow and PostWorkflowResults: a workflow is a list of nodes, each one of the app's models;
/// running it predicts every input with every node's model (its trained version), as PostModelOutputs would.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    /// <summary>Inputs per PostWorkflowResults request, as the API allows.</summary>
    internal const int MaxWorkflowInputs = 32;

    public override Task<MultiWorkflowResponse> PostWorkflows(PostWorkflowsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var stored = request.Workflows.Select(workflow =>
        {
            var copy = workflow.Clone();
            copy.AppId = app.AppId;
            copy.UserId = app.UserId;
            copy.CreatedAt = Now();
            return copy;
        }).ToList();
        if (app.AddWorkflows(stored) is { } refused) return Task.FromResult(new MultiWorkflowResponse { Status = refused });

        var response = new MultiWorkflowResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate) response.Workflows.AddRange(stored.Select(w => w.Clone()));
        return Task.FromResult(response);
    }

    public override Task<MultiWorkflowResponse> ListWorkflows(ListWorkflowsRequest request, ServerCallContext context)
    {
        var response = new MultiWorkflowResponse { Status = Statuses.Of(StatusCode.Success) };
        var workflows = new List<Workflow>();
        foreach (var app in ListedApps(context, withPublic: true))
        {
            lock (app.Gate) workflows.AddRange(app.Workflows.Values.OrderBy(w => w.CreatedAt.ToDateTimeOffset()).ThenBy(w => w.Id, StringComparer.Ordinal).Select(w => w.Clone()));
        }

        response.Workflows.AddRange(PageSlice.Of(workflows, request.Page, request.PerPage));
        return Task.FromResult(response);
    }

    public override Task<SingleWorkflowResponse> GetWorkflow(GetWorkflowRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Workflows.TryGetValue(request.WorkflowId, out var workflow)
                ? new SingleWorkflowResponse { Status = Statuses.Of(StatusCode.Success), Workflow = workflow.Clone() }
                : new SingleWorkflowResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"No workflow with id '{request.WorkflowId}'") });
        }
    }

    public override async Task<PostWorkflowResultsResponse> PostWorkflowResults(PostWorkflowResultsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Inputs.Count is 0 or > MaxWorkflowInputs)
        {
            return new PostWorkflowResultsResponse { Status = Statuses.Of(StatusCode.WorkflowInvalidRequest, $"A workflow runs on 1 to {MaxWorkflowInputs} inputs; this request has {request.Inputs.Count}") };
        }

        Workflow workflow;
        lock (app.Gate)
        {
            if (!app.Workflows.TryGetValue(request.WorkflowId, out var stored))
            {
                return new PostWorkflowResultsResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"No workflow with id '{request.WorkflowId}'") };
            }

            workflow = stored.Clone();
        }

        var nodes = new List<(WorkflowNode Node, ModelRunner Runner)>();
        foreach (var node in workflow.Nodes.Where(n => !n.SuppressOutput))
        {
            var (runner, refusal) = Predictor(app, node.Model.Id, node.Model.ModelVersion?.Id ?? string.Empty);
            // A node whose model is not trained: the API's own code for it.
            if (refusal is not null) return new PostWorkflowResultsResponse { Status = refusal.Code == StatusCode.ModelUntrained ? Statuses.Of(StatusCode.WorkflowRequireTrainedModel, refusal.Details) : refusal, Workflow = workflow };
            nodes.Add((node, runner!));
        }

        var response = new PostWorkflowResultsResponse { Workflow = workflow };
        var succeeded = 0;
        foreach (var input in request.Inputs)
        {
            var result = new WorkflowResult { Id = NewId(), CreatedAt = Now(), Input = input.Clone() };
            if (result.Input.Data?.Image is { } image) image.Base64 = Google.Protobuf.ByteString.Empty;
            foreach (var (_, runner) in nodes)
            {
                result.Outputs.Add(await PredictOneAsync(input, runner, context.CancellationToken).ConfigureAwait(false));
            }

            var ok = result.Outputs.All(o => o.Status.Code == StatusCode.Success);
            result.Status = ok ? Statuses.Of(StatusCode.Success) : Statuses.Of(StatusCode.Failure, "A node could not process this input");
            if (ok) succeeded++;
            response.Results.Add(result);
        }

        response.Status = Statuses.ForBatch(succeeded, request.Inputs.Count);
        return response;
    }
}
