using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// <c>general-text-embedding</c>: a 64-dimensional embedding of a text (<see cref="TextFeatures"/>): texts sharing
/// words have a high cosine similarity, texts sharing none are orthogonal.
/// </summary>
internal sealed class TextEmbeddingModel : BuiltInModel
{
    public override string Id => "general-text-embedding";

    public override string ModelTypeId => "text-embedder";

    public override string Description => "Local server: a 64-dimensional bag-of-words embedding of a text.";

    public override Task<ModelAnswer> PredictAsync(Input input, Struct parameters, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        if (TextOf(input) is not { } text) return Task.FromResult(ModelAnswer.Failed("The input has no text to embed"));
        var embedding = new Embedding { NumDimensions = TextFeatures.Length };
        embedding.Vector.AddRange(TextFeatures.Extract(text));
        var data = new Data();
        data.Embeddings.Add(embedding);
        return Task.FromResult(new ModelAnswer(data, PromptTokens: (uint)TextFeatures.Words(text).Count));
    }
}
