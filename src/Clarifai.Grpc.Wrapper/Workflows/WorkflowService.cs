using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Workflows;

/// <summary>Creates workflows (PostWorkflows) and runs them on inputs (PostWorkflowResults).</summary>
/// <remarks>Every method is virtual and there is a protected constructor, so that tests can mock the service.</remarks>
public class WorkflowService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal WorkflowService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected WorkflowService()
    {
    }

    /// <summary>Creates a workflow whose nodes each run one of the app's models.</summary>
    /// <param name="workflowId">The new workflow's id.</param>
    /// <param name="steps">Its nodes; at least one, each node id once.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workflow as created.</returns>
    /// <exception cref="ArgumentException">A bad id, no steps, or a node id twice.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, for example because the id exists or a model does not.</exception>
    public virtual async Task<Workflow> CreateAsync(string workflowId, IEnumerable<WorkflowStep> steps, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(workflowId, nameof(workflowId), "workflow id");
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToList();
        if (list.Count == 0) throw new ArgumentException("A workflow needs at least one step.", nameof(steps));
        var workflow = new Workflow { Id = workflowId };
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in list)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            Guard.Id(step.NodeId, nameof(steps), "node id");
            ModelService.CheckModelId(step.ModelId, nameof(steps));
            if (step.ModelVersionId is not null) Guard.Id(step.ModelVersionId, nameof(steps), "model version id");
            if (!nodeIds.Add(step.NodeId)) throw new ArgumentException($"The node id '{step.NodeId}' is used twice.", nameof(steps));
            var model = new Model { Id = step.ModelId };
            if (step.ModelVersionId is not null) model.ModelVersion = new ModelVersion { Id = step.ModelVersionId };
            workflow.Nodes.Add(new WorkflowNode { Id = step.NodeId, Model = model });
        }

        var response = await _executor.CallAsync(ClarifaiRpcs.PostWorkflows, new PostWorkflowsRequest { Workflows = { workflow } }, new(callSettings, cancellationToken) { Check = static r =>
            r.Workflows.Count == 1 ? null : new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = "The response holds no workflow." }, ClarifaiRpcs.PostWorkflows.Name) }).ConfigureAwait(false);
        return response.Workflows[0];
    }

    /// <summary>Runs a workflow on up to 32 images; each gets an outcome with every node's output.</summary>
    /// <param name="workflowId">The workflow's id.</param>
    /// <param name="images">The images; 1 to <see cref="ClarifaiLimits.MaxWorkflowInputs"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per image, in order.</returns>
    /// <exception cref="ArgumentException">A bad id, no images, or more than 32.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole (for example 11101: no such workflow).</exception>
    public virtual async Task<IReadOnlyList<WorkflowOutcome>> RunAsync(string workflowId, IEnumerable<ImageSource> images, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(workflowId, nameof(workflowId), "workflow id");
        var list = Guard.Batch(images, ClarifaiLimits.MaxWorkflowInputs, nameof(images));
        var request = new PostWorkflowResultsRequest { WorkflowId = workflowId };
        foreach (var image in list) request.Inputs.Add(image.ToProto());
        Guard.RequestSize(request, nameof(images));
        var response = await _executor.CallAsync(ClarifaiRpcs.PostWorkflowResults, request, new(callSettings, cancellationToken) { Check = r =>
            r.Results.Count == list.Count ? null : new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = $"{list.Count} images were sent but {r.Results.Count} results came back." }, ClarifaiRpcs.PostWorkflowResults.Name) }).ConfigureAwait(false);
        return response.Results.Select(r => new WorkflowOutcome(r)).ToList();
    }

    /// <summary>Lists the app's workflows, a page (ListWorkflows) at a time as the enumeration goes.</summary>
    /// <param name="pageSize">Workflows per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The workflows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<Workflow> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<Workflow>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListWorkflowsRequest { Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListWorkflows, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Workflows.ToList();
            },
            pageSize);
    }
}
