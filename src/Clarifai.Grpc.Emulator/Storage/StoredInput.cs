using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// An input the emulator holds: the message as answered (without image bytes, which are dropped once processed so
/// that memory does not grow with content), its processing state, and the feature vector training uses.
/// </summary>
internal sealed class StoredInput
{
    public StoredInput(Input proto) => Proto = proto;

    /// <summary>The input as GetInput answers it. Guarded by the owning <see cref="AppData"/>'s lock.</summary>
    public Input Proto { get; }

    public string Id => Proto.Id;

    /// <summary>The URL the content was added by (an image's or a text's), or empty.</summary>
    public string Url => Proto.Data?.Image?.Url ?? Proto.Data?.Text?.Url ?? string.Empty;

    /// <summary>The image's features once processed (30000), else <see langword="null"/>.</summary>
    public float[]? Features { get; set; }

    public StatusCode State => Proto.Status.Code;

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
