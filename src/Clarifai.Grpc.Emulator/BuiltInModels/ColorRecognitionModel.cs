using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// <c>general-image-recognition</c>: names an image's colours — the hues that hold most of its saturated pixels
/// (red, orange, yellow, …), and <c>bright</c>/<c>dark</c>, <c>colorful</c>/<c>muted</c> — from the same features the
/// custom models learn from.
/// </summary>
internal sealed class ColorRecognitionModel : BuiltInModel
{
    private static readonly string[] Hues = ["red", "orange", "yellow", "chartreuse", "green", "spring-green", "cyan", "azure", "blue", "violet", "magenta", "rose"];

    public override string Id => "general-image-recognition";

    public override string ModelTypeId => "visual-classifier";

    public override string Description => "Local server: names the colours of an image (hues, bright/dark, colorful/muted).";

    public override async Task<ModelAnswer> PredictAsync(Input input, Struct parameters, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        var (features, error) = await InputFeatures.ImageAsync(input, fetcher, cancellationToken).ConfigureAwait(false);
        if (features is null) return ModelAnswer.Failed(error!);

        var data = new Data();
        var hueTotal = features.Skip(6).Sum();
        var concepts = new List<(string Id, float Value)>();
        for (var i = 0; i < ImageFeatures.HueBins; i++)
        {
            var share = hueTotal > 0 ? features[6 + i] / hueTotal : 0;
            if (share >= 0.05f) concepts.Add((Hues[i], share));
        }

        var brightness = features[4];
        var saturation = features[3];
        concepts.Add(brightness >= 0.5f ? ("bright", brightness) : ("dark", 1 - brightness));
        concepts.Add(saturation >= 0.35f ? ("colorful", saturation) : ("muted", 1 - saturation));
        foreach (var (id, value) in concepts.OrderByDescending(c => c.Value).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            data.Concepts.Add(new Concept { Id = id, Name = id, Value = Math.Clamp(value, 0, 1), AppId = OwnerAppId });
        }

        return new ModelAnswer(data);
    }
}
