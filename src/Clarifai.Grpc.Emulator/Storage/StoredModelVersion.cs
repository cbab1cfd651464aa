using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// A version of a model: its fixed part (id, app, creation time), its training state — kept apart from the wire
/// message, since the trainer changes it — and, once trained, its classifier. Guarded by the owning
/// <see cref="AppData"/>'s lock.
/// </summary>
internal sealed class StoredModelVersion
{
    public StoredModelVersion(ModelVersion proto)
    {
        State = proto.Status?.Code ?? StatusCode.ModelUntrained;
        StateDetails = proto.Status?.Details ?? string.Empty;
        proto.Status = null;
        Proto = proto;
    }

    /// <summary>The version's fixed part, without its status.</summary>
    public ModelVersion Proto { get; }

    public string Id => Proto.Id;

    /// <summary>The training state (211xx).</summary>
    public StatusCode State { get; private set; }

    /// <summary>Why the state is what it is, or empty.</summary>
    public string StateDetails { get; private set; }

    /// <summary>When training ended, or <see langword="null"/>.</summary>
    public Timestamp? CompletedAt { get; private set; }

    public ConceptClassifier? Classifier { get; set; }

    /// <summary>Moves the training state (the trainer's writes).</summary>
    public void MoveTo(StatusCode state, string details = "", Timestamp? completedAt = null)
    {
        State = state;
        StateDetails = details;
        CompletedAt = completedAt ?? CompletedAt;
    }

    /// <summary>The version as the API answers it: a copy, with its current status.</summary>
    public ModelVersion ToProto()
    {
        var proto = Proto.Clone();
        proto.Status = Statuses.Of(State, StateDetails);
        proto.CompletedAt = CompletedAt?.Clone();
        return proto;
    }
}
