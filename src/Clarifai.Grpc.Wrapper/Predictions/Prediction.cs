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
        Concepts = SortedConcepts(proto.Data);
        var data = proto.Data;
        // Most answers have no regions, frames or embeddings: an empty list costs no iterator.
        Regions = data is not { Regions.Count: > 0 } ? [] : data.Regions.Select(r => new PredictedRegion(
            r.Id,
            r.RegionInfo?.BoundingBox is { } b ? new RegionBox(b.TopRow, b.LeftCol, b.BottomRow, b.RightCol) : null,
            r.Value,
            SortedConcepts(r.Data))).ToImmutableArray();
        Frames = data is not { Frames.Count: > 0 } ? [] : data.Frames.Select(f => new PredictedFrame((int)(f.FrameInfo?.Number ?? 0), TimeSpan.FromMilliseconds(f.FrameInfo?.Time ?? 0), SortedConcepts(f.Data))).ToImmutableArray();
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

    /// <summary>Highest value first, ties by id; an array sorted in place rather than LINQ, since this runs on every prediction.</summary>
    private static ImmutableArray<ConceptValue> SortedConcepts(Data? data)
    {
        if (data is null || data.Concepts.Count == 0) return [];
        var concepts = new ConceptValue[data.Concepts.Count];
        for (var i = 0; i < concepts.Length; i++) concepts[i] = ConceptValue.FromProto(data.Concepts[i]);
        Array.Sort(concepts, static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Id, b.Id));
        return ImmutableCollectionsMarshal.AsImmutableArray(concepts);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Prediction by {ModelId}/{ModelVersionId}: {string.Join(", ", Concepts.Take(5).Select(c => $"{c.Name} {c.Value:0.00}"))}";
}
