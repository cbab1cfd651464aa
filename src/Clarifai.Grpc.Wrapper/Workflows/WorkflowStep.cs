namespace Clarifai.Grpc.Wrapper.Workflows;

/// <summary>One node of a workflow: its id, and the model (optionally a fixed version) it runs.</summary>
/// <param name="NodeId">The node's id within the workflow.</param>
/// <param name="ModelId">The model the node runs.</param>
/// <param name="ModelVersionId">A fixed version of the model, or <see langword="null"/> for its latest trained one.</param>
public sealed record WorkflowStep(string NodeId, string ModelId, string? ModelVersionId = null);
