using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// What answers for one model version in one request: a built-in model, or a trained classifier over image or text
/// features; with the inference parameters the request carried.
/// </summary>
internal sealed record ModelRunner(Model Info, BuiltInModel? BuiltIn, ConceptClassifier? Classifier, bool TakesText)
{
    public Struct Parameters { get; init; } = new();

    /// <summary>How the request asked for concepts (<c>model.model_version.output_info.output_config</c>), or <see langword="null"/>.</summary>
    public OutputConfig? OutputConfig { get; init; }

    /// <summary>This runner with the parameters and output config of a request's model (<c>model.model_version.output_info</c>).</summary>
    public ModelRunner With(Model? requested) =>
        requested?.ModelVersion?.OutputInfo is { } info ? this with { Parameters = info.Params ?? Parameters, OutputConfig = info.OutputConfig } : this;

    /// <summary>
    /// The concepts as the request's output config asks, in place: only <c>select_concepts</c> (by id or name), those at
    /// or above <c>min_value</c>, at most <c>max_concepts</c> — highest first, as the API answers.
    /// </summary>
    public void ApplyOutputConfig(Data data)
    {
        if (OutputConfig is not { } config || data.Concepts.Count == 0) return;
        IEnumerable<Concept> concepts = data.Concepts.OrderByDescending(c => c.Value).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (config.SelectConcepts.Count > 0)
        {
            concepts = concepts.Where(c => config.SelectConcepts.Any(s => (s.Id.Length > 0 && s.Id == c.Id) || (s.Name.Length > 0 && s.Name == c.Name)));
        }

        if (config.MinValue > 0) concepts = concepts.Where(c => c.Value >= config.MinValue);
        if (config.MaxConcepts > 0) concepts = concepts.Take((int)config.MaxConcepts);
        var kept = concepts.ToList();
        data.Concepts.Clear();
        data.Concepts.Add(kept);
    }
}
