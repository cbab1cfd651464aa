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

    /// <summary>This runner with the parameters of a request's model (<c>model.model_version.output_info.params</c>).</summary>
    public ModelRunner With(Model? requested) =>
        requested?.ModelVersion?.OutputInfo?.Params is { } parameters ? this with { Parameters = parameters } : this;
}
