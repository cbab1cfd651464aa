using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>A model's answer for one input: the concepts, highest value first, and which model and version answered.</summary>
public sealed class Prediction
{
    /// <summary>Creates the typed view of an output message.</summary>
    /// <param name="proto">The output as the API returned it.</param>
    public Prediction(Output proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
        Concepts = ConceptValue.Sorted(proto.Data);
        var data = proto.Data;
        // Most answers have no regions, frames or embeddings: an empty list costs no iterator.
        Regions = data is not { Regions.Count: > 0 } ? [] : data.Regions.Select(PredictedRegion.FromProto).ToImmutableArray();
        Frames = data is not { Frames.Count: > 0 } ? [] : data.Frames.Select(PredictedFrame.FromProto).ToImmutableArray();
        Text = data?.Text?.Raw ?? string.Empty;
        Embeddings = data is not { Embeddings.Count: > 0 } ? [] : data.Embeddings.Select(e => e.Vector.ToArray()).ToImmutableArray();
    }

    /// <summary>The concepts with the model's confidence in [0, 1], highest first.</summary>
    public ImmutableArray<ConceptValue> Concepts { get; }

    /// <summary>The status of this input's prediction; not 10000 when this input failed in a mixed answer.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Whether this input was predicted.</summary>
    public bool IsSuccess => Status.IsSuccess;

    /// <summary>The id of the model that answered.</summary>
    public string ModelId => Proto.Model?.Id ?? string.Empty;

    /// <summary>The id of the model version that answered.</summary>
    public string ModelVersionId => Proto.Model?.ModelVersion?.Id ?? string.Empty;

    /// <summary>The id of the input, as the API echoed it.</summary>
    public string InputId => Proto.Input?.Id ?? string.Empty;

    /// <summary>The message as the API returned it.</summary>
    public Output Proto { get; }

    /// <summary>The regions a detection model found, each with its box and concepts; empty when none.</summary>
    public ImmutableArray<PredictedRegion> Regions { get; }

    /// <summary>The sampled frames of a video prediction, each with its concepts; empty when none.</summary>
    public ImmutableArray<PredictedFrame> Frames { get; }

    /// <summary>The text a model generated (an LLM's answer, a caption, a transcript); empty when none.</summary>
    public string Text { get; }

    /// <summary>The embeddings an embedding model returned, one vector each; empty when none.</summary>
    public ImmutableArray<float[]> Embeddings { get; }

    /// <summary>The prompt tokens the model counted for this output, when it reports them (LLMs); 0 otherwise.</summary>
    public int PromptTokens => (int)Math.Min(Proto.PromptTokens, int.MaxValue);

    /// <summary>The tokens the model generated for this output, when it reports them (LLMs); 0 otherwise.</summary>
    public int CompletionTokens => (int)Math.Min(Proto.CompletionTokens, int.MaxValue);

    /// <inheritdoc />
    public override string ToString() =>
        $"Prediction by {ModelId}/{ModelVersionId}: {string.Join(", ", Concepts.Take(5).Select(c => $"{c.Name} {c.Value:0.00}"))}";
}
