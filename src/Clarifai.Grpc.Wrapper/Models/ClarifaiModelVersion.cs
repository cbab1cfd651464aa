using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>A version of a model, with its training state.</summary>
public sealed class ClarifaiModelVersion
{
    /// <summary>Creates the typed view of a model version message.</summary>
    /// <param name="modelId">The id of the model the version belongs to.</param>
    /// <param name="proto">The version as the API returned it.</param>
    public ClarifaiModelVersion(string modelId, ModelVersion proto)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentNullException.ThrowIfNull(proto);
        ModelId = modelId;
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
        State = ClarifaiStatusCodes.ToModelVersionState(Status.Code);
    }

    /// <summary>The model's id.</summary>
    public string ModelId { get; }

    /// <summary>The version's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The training state, from <see cref="Status"/>.</summary>
    public ModelVersionState State { get; }

    /// <summary>The version's status: 21100 trained, 21101 training, 21102 untrained, 21103 queued, or a failure code.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Whether training has ended, well (<see cref="ModelVersionState.Trained"/>) or not (<see cref="ModelVersionState.Failed"/>).</summary>
    public bool IsFinal => State is ModelVersionState.Trained or ModelVersionState.Failed;

    /// <summary>When the version was created, if the API said.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The message as the API returned it.</summary>
    public ModelVersion Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Model {ModelId} version {Id}: {State} ({Status})";
}
