using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.AI;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.AI;

/// <summary>The <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> adapter.</summary>
[TestFixture]
public sealed class EmbeddingGeneratorTests
{
    private static readonly ModelRef Embedder = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-text-embedding");

    /// <summary>Embeds each text as [its length, its first character], so order and batching are visible.</summary>
    private static AsyncUnaryCall<MultiOutputResponse> Embed(PostModelOutputsRequest request)
    {
        var response = new MultiOutputResponse { Status = Responses.Status(StatusCode.Success) };
        foreach (var input in request.Inputs)
        {
            var text = input.Data.Text.Raw;
            var embedding = new Clarifai.Api.Embedding { NumDimensions = 2 };
            embedding.Vector.Add([text.Length, text[0]]);
            response.Outputs.Add(new Output { Status = Responses.Status(StatusCode.Success), Data = new Data { Embeddings = { embedding } }, PromptTokens = 2 });
        }

        return GrpcCalls.Unary(response);
    }

    [Test]
    public async Task GenerateAsync_EmbedsEveryText_InOrder_128PerRequest()
    {
        var mock = new MockV2().OlderKindModel(Embed);
        using var clarifai = TestClients.Create(mock);
        var texts = Enumerable.Range(0, 130).Select(i => new string((char)('a' + (i % 26)), 1 + (i % 7))).ToList();

        var embeddings = await clarifai.AsIEmbeddingGenerator(Embedder).GenerateAsync(texts);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Predictions().Select(c => ((PostModelOutputsRequest)c.Request).Inputs.Count), Is.EqualTo(new[] { 128, 2 }));
            Assert.That(embeddings.Select(e => e.Vector.ToArray()), Is.EqualTo(texts.Select(t => new float[] { t.Length, t[0] })));
            Assert.That(embeddings.Usage?.InputTokenCount, Is.EqualTo(260));
            Assert.That(((PostModelOutputsRequest)mock.Predictions()[0].Request).UserAppId.UserId, Is.EqualTo("clarifai"));
        });
    }

    [Test]
    public async Task WhatCannotBeDone_IsRefusedBeforeAnyPrediction()
    {
        var mock = new MockV2().OlderKindModel(new MultiOutputResponse());
        using var clarifai = TestClients.Create(mock);
        var generator = clarifai.AsIEmbeddingGenerator(Embedder);

        await Assert.MultipleAsync(async () =>
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 256 }));
            await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x", ""]));
            Assert.That(mock.Predictions(), Is.Empty);
        });
    }

    [Test]
    public async Task AnOutputWithoutAnEmbedding_IsAnError_NotAMissingVector()
    {
        var mock = new MockV2().OlderKindModel(
            new MultiOutputResponse { Status = Responses.Status(StatusCode.Success), Outputs = { new Output { Status = Responses.Status(StatusCode.Success), Data = new Data() } } });
        using var clarifai = TestClients.Create(mock);

        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.AsIEmbeddingGenerator("classifier").GenerateAsync(["x"]));

        Assert.That(failure!.Details, Does.Contain("no embedding"));
    }

    [Test]
    public async Task AFailedOutput_ThrowsTheTypedExceptionOfTheStatusTable_AsPredictAsyncDoes()
    {
        var failed = new MultiOutputResponse { Status = Responses.Status(StatusCode.Success), Outputs = { new Output { Status = Responses.Status(StatusCode.ModelDoesNotExist) } } };
        var mock = new MockV2().OlderKindModel(failed, failed);
        using var clarifai = TestClients.Create(mock);

        var fromGenerator = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.AsIEmbeddingGenerator("gone").GenerateAsync(["x"]));
        var fromPredict = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Predictions.PredictAsync(new ModelRef("gone"), ModelInput.FromText("x"), options: null));

        Assert.That(fromGenerator!.Code, Is.EqualTo(fromPredict!.Code));
    }
}
