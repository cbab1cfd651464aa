using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// Calls a model of the older kind (no method signatures) with method-style arguments, the way such a model reads
/// them: the first string argument is the prompt (<c>text.raw</c>); an image, audio, video or <see cref="ModelInput"/>
/// goes in its field of the input; every other argument is an inference parameter in
/// <c>model.model_version.output_info.params</c>, as <see cref="PredictionOptions.InferenceParams"/> sends it.
/// </summary>
internal static class OlderKindRequests
{
    /// <summary>The argument name of a stream's item on a model of the older kind.</summary>
    public const string StreamedItem = "\u0000item";

    /// <summary>The one method of each kind an older model serves.</summary>
    public static string MethodOf(ModelMethodKind kind) => kind switch
    {
        ModelMethodKind.Unary => "predict",
        ModelMethodKind.Generate => "generate",
        _ => "stream",
    };

    /// <summary>The input's data; parameters go into <paramref name="request"/>'s model.</summary>
    /// <exception cref="ArgumentException">A value cannot be sent the older way (the message names it).</exception>
    public static Data Encode(MethodArguments arguments, PostModelOutputsRequest request)
    {
        var data = new Data();
        foreach (var (name, value) in arguments)
        {
            var argument = name == StreamedItem ? "items" : name;
            switch (value)
            {
                case null:
                    continue;
                case string text when data.Text is null:
                    data.Text = new Text { Raw = text };
                    continue;
                case ImageSource image:
                    data.Image = image.ToProto().Data.Image;
                    continue;
                case Image image:
                    data.Image = image.Clone();
                    continue;
                case Audio audio:
                    data.Audio = audio.Clone();
                    continue;
                case Video video:
                    data.Video = video.Clone();
                    continue;
                case ModelInput input:
                    data.MergeFrom(input.ToRequestInput().Data);
                    continue;
                case Text text when data.Text is null:
                    data.Text = text.Clone();
                    continue;
            }

            if (name == StreamedItem) throw new ArgumentException($"A stream item of type {value.GetType().Name} cannot be sent to a model of the older kind (pass a string, an image or a ModelInput).", argument);
            request.Model ??= new Model { ModelVersion = new ModelVersion { OutputInfo = new OutputInfo { Params = new() } } };
            request.Model.ModelVersion ??= new ModelVersion();
            request.Model.ModelVersion.OutputInfo ??= new OutputInfo();
            request.Model.ModelVersion.OutputInfo.Params ??= new();
            request.Model.ModelVersion.OutputInfo.Params.Fields[name] = JsonValues.From(value, string.Empty, argument);
        }

        return data;
    }

    /// <summary>An older model's answer: its text, else its concepts (highest first), else its regions, else its first embedding.</summary>
    public static object? Decode(Data? data) => data switch
    {
        null => null,
        { Text.Raw.Length: > 0 } => data.Text.Raw,
        { Concepts.Count: > 0 } => ConceptValue.Sorted(data),
        { Regions.Count: > 0 } => data.Regions.Select(PredictedRegion.FromProto).ToImmutableArray(),
        { Embeddings.Count: > 0 } => data.Embeddings[0].Vector.ToArray(),
        _ => null,
    };
}
