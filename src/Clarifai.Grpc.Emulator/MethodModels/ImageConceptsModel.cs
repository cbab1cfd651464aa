using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// <c>color-concepts</c>: an image model of the current kind, <c>predict(image: Image, threshold: float = 0.0) -&gt;
/// List[Concept]</c> — the colours <c>general-image-recognition</c> names, those at or above the threshold.
/// </summary>
internal sealed class ImageConceptsModel : SignatureModel
{
    private static readonly IReadOnlyList<MethodSignature> Methods =
    [
        SignatureFields.Method(
            "predict",
            RunnerMethodType.UnaryUnary,
            "The image's colours at or above the threshold.",
            SignatureFields.Returns(DataType.List, typeArgs: [SignatureFields.Item("return", DataType.Concept)]),
            SignatureFields.Required("image", DataType.Image),
            SignatureFields.Optional("threshold", DataType.Float, "0.0", isParam: true)),
    ];

    private readonly ColorRecognitionModel _colors = new();

    public override string Id => "color-concepts";

    public override string ModelTypeId => "visual-classifier";

    public override string Description => "Local server: an image model of the current kind, predict(image, threshold) -> List[Concept].";

    public override IReadOnlyList<MethodSignature> Signatures => Methods;

    public override async Task<MethodOutput> InvokeAsync(string method, IReadOnlyDictionary<string, object?> arguments, MethodContext context)
    {
        if (method != "predict") return await base.InvokeAsync(method, arguments, context).ConfigureAwait(false);
        var image = Argument<Image>(method, arguments, "image") ?? throw new RuntimeFailure("image is required");
        var threshold = Argument<double>(method, arguments, "threshold");
        var answer = await _colors.PredictAsync(new Input { Data = new Data { Image = image } }, new Struct(), context.Fetcher, context.CancellationToken).ConfigureAwait(false);
        if (answer.Data is null) throw new RuntimeFailure(answer.Error ?? "The image could not be read");
        return new MethodOutput(answer.Data.Concepts.Where(c => c.Value >= threshold).ToList());
    }
}
