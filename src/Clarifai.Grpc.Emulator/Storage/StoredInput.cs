using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// An input the emulator holds: the message as answered (without image bytes, which are dropped once processed so
/// that memory does not grow with content), its processing state, and the feature vector training uses.
/// </summary>
internal sealed class StoredInput
{
    public StoredInput(Input proto)
    {
        State = proto.Status?.Code ?? StatusCode.InputPending;
        StateDetails = proto.Status?.Details ?? string.Empty;
        proto.Status = null;
        Proto = proto;
    }

    /// <summary>The input as GetInput answers it. Guarded by the owning <see cref="AppData"/>'s lock.</summary>
    public Input Proto { get; }

    public string Id => Proto.Id;

    /// <summary>The URL the content was added by (an image's or a text's), or empty.</summary>
    public string Url => Proto.Data?.Image?.Url ?? Proto.Data?.Text?.Url ?? string.Empty;

    /// <summary>The image's features once processed (30000), else <see langword="null"/>.</summary>
    public float[]? Features { get; set; }

    /// <summary>The processing state, kept apart from the wire message because the processing worker changes it. Under the app's lock.</summary>
    public StatusCode State { get; private set; }

    /// <summary>Why the state is what it is (a failure's reason), or empty.</summary>
    public string StateDetails { get; private set; }

    /// <summary>Moves the processing state (the worker's only write). Called under the app's lock.</summary>
    public void MoveTo(StatusCode state, string details)
    {
        State = state;
        StateDetails = details;
    }

    /// <summary>The input as the API answers it: a copy, with its current status. Called under the app's lock.</summary>
    public Input ToProto()
    {
        var proto = Proto.Clone();
        proto.Status = Statuses.Of(State, StateDetails);
        return proto;
    }

    public bool IsPending => State is StatusCode.InputPending or StatusCode.InputInProgress;

    /// <summary>The value the input is labelled with for a concept: 1 positive, 0 negative, null unlabelled.</summary>
    public float? LabelOf(string conceptId)
    {
        foreach (var concept in Proto.Data.Concepts)
        {
            if (concept.Id == conceptId) return concept.Value;
        }

        return null;
    }
}
