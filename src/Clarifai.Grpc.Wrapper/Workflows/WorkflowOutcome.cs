using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Workflows;

/// <summary>
/// What a workflow made of one input: its status and each node's output as a <see cref="Prediction"/>, in the order of
/// the workflow's nodes.
/// </summary>
public sealed class WorkflowOutcome
{
    /// <summary>Wraps a workflow result message.</summary>
    /// <param name="proto">The result.</param>
    public WorkflowOutcome(WorkflowResult proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
        Outputs = proto.Outputs.Select(o => new Prediction(o)).ToImmutableArray();
    }

    /// <summary>The input's status for the whole workflow (10000 when every node processed it).</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Whether every node processed the input.</summary>
    public bool IsSuccess => Status.IsSuccess;

    /// <summary>The input's id, when it had one.</summary>
    public string InputId => Proto.Input?.Id ?? string.Empty;

    /// <summary>Each node's output, in the order of the nodes (suppressed nodes have none).</summary>
    public ImmutableArray<Prediction> Outputs { get; }

    /// <summary>The message as the API returned it.</summary>
    public WorkflowResult Proto { get; }

    /// <summary>The output of the node running <paramref name="modelId"/>, or <see langword="null"/>.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <returns>The output.</returns>
    public Prediction? OutputOf(string modelId) => Outputs.FirstOrDefault(o => o.ModelId == modelId);

    /// <inheritdoc />
    public override string ToString() => $"Workflow result for {InputId}: {Status.CodeName}, {Outputs.Length} outputs";
}
