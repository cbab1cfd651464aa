using System.Collections.Immutable;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Predictions;

/// <summary>Inputs of every kind, options, and every kind of output, over a mocked invoker.</summary>
[TestFixture]
public sealed class AnyInputAnyOutputTests
{
    [Test]
    public void Inputs_OfEveryKind_BecomeTheirDataField()
    {
        var multimodal = ModelInput.Multimodal(ModelInput.FromImage(ImageSource.FromUrl("https://example.test/a.jpg")), ModelInput.FromText("What is in it?")).ToProto().Data;

        Assert.Multiple(() =>
        {
            Assert.That(ModelInput.FromText("hello").ToProto().Data.Text.Raw, Is.EqualTo("hello"));
            Assert.That(ModelInput.FromTextUrl(new Uri("https://example.test/t.txt")).ToProto().Data.Text.Url, Is.EqualTo("https://example.test/t.txt"));
            Assert.That(ModelInput.FromAudioUrl(new Uri("https://example.test/a.wav")).ToProto().Data.Audio.Url, Is.EqualTo("https://example.test/a.wav"));
            Assert.That(ModelInput.FromAudioBytes([1, 2]).ToProto().Data.Audio.Base64.Length, Is.EqualTo(2));
            Assert.That(ModelInput.FromVideoUrl(new Uri("https://example.test/v.mp4")).ToProto().Data.Video.Url, Is.EqualTo("https://example.test/v.mp4"));
            Assert.That(ModelInput.FromVideoBytes([1, 2, 3]).ToProto().Data.Video.Base64.Length, Is.EqualTo(3));
            Assert.That(multimodal.Parts.Select(p => p.Data.DataCase()), Is.EqualTo(new[] { "image", "text" }));
            Assert.Throws<ArgumentException>(() => ModelInput.FromText(""));
            Assert.Throws<ArgumentException>(() => ModelInput.FromAudioBytes([]));
            Assert.Throws<ArgumentException>(() => ModelInput.Multimodal());
            Assert.Throws<ArgumentException>(() => ModelInput.Multimodal(ModelInput.Multimodal(ModelInput.FromText("x"))));
            Assert.Throws<ArgumentException>(() => ModelInput.FromVideoUrl(new Uri("ftp://example.test/v.mp4")));
        });
    }

    [Test]
    public async Task Images_FromAStreamAndAFile_CarryTheirBytes_AndBadOnesAreRefused()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".png");
        await File.WriteAllBytesAsync(path, png);
        try
        {
            var fromStream = await ImageSource.FromStreamAsync(new MemoryStream(png));
            var fromFile = await ImageSource.FromFileAsync(path);

            await Assert.MultipleAsync(async () =>
            {
                Assert.That(ModelInput.FromImage(fromStream).ToProto().Data.Image.Base64.ToByteArray(), Is.EqualTo(png));
                Assert.That(ModelInput.FromImage(fromFile).ToProto().Data.Image.Base64.ToByteArray(), Is.EqualTo(png));
                await Assert.ThrowsAsync<ArgumentException>(() => ImageSource.FromStreamAsync(new MemoryStream()));
                await Assert.ThrowsAsync<ArgumentException>(() => ImageSource.FromStreamAsync(new NonSeekable(new byte[ClarifaiLimits.MaxImageBytes + 1])));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A stream whose length is unknown until read, so the size rule must apply after reading.</summary>
    private sealed class NonSeekable(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    [Test]
    public async Task Options_TravelAsOutputConfigAndInferenceParams_AndTheGeneratedTextComesBack()
    {
        var mock = new MockV2().On<PostModelOutputsRequest, MultiOutputResponse>(_ => GrpcCalls.Unary(new MultiOutputResponse
        {
            Status = Responses.Status(StatusCode.Success),
            Outputs = { new Output { Status = Responses.Status(StatusCode.Success), Data = new Data { Text = new Text { Raw = "Rain on the roof" } } } },
        }));
        using var client = TestClients.Create(mock);
        var llm = ModelRef.Parse("https://clarifai.com/openai/chat-completion/models/gpt-4o");
        var options = new PredictionOptions { Temperature = 0.7, MaxTokens = 100, MaxConcepts = 5, MinValue = 0.2f, SelectConcepts = ["a"], InferenceParams = ImmutableDictionary<string, object?>.Empty.Add("top_p", 0.9).Add("system_prompt", "Be brief").Add("stream", false) };

        var answer = await client.Predictions.PredictAsync(llm, ModelInput.FromText("Write a haiku about rain"), options);

        var request = (PostModelOutputsRequest)mock.Calls.Single().Request;
        var info = request.Model.ModelVersion.OutputInfo;
        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("Rain on the roof"));
            Assert.That((request.UserAppId.UserId, request.UserAppId.AppId, request.ModelId), Is.EqualTo(("openai", "chat-completion", "gpt-4o")));
            Assert.That(info.Params.Fields["temperature"].NumberValue, Is.EqualTo(0.7));
            Assert.That(info.Params.Fields["max_tokens"].NumberValue, Is.EqualTo(100));
            Assert.That(info.Params.Fields["top_p"].NumberValue, Is.EqualTo(0.9));
            Assert.That(info.Params.Fields["system_prompt"].StringValue, Is.EqualTo("Be brief"));
            Assert.That(info.Params.Fields["stream"].BoolValue, Is.False);
            Assert.That((info.OutputConfig.MaxConcepts, info.OutputConfig.MinValue, info.OutputConfig.SelectConcepts.Single().Id), Is.EqualTo((5u, 0.2f, "a")));
        });
    }

    [Test]
    public async Task BadOptions_AreRefusedBeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);
        var text = ModelInput.FromText("x");

        await Assert.MultipleAsync(async () =>
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Predictions.PredictAsync("m", text, new PredictionOptions { MaxConcepts = 0 }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Predictions.PredictAsync("m", text, new PredictionOptions { MinValue = 1.5f }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Predictions.PredictAsync("m", text, new PredictionOptions { Temperature = double.NaN }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictAsync("m", text, new PredictionOptions { InferenceParams = ImmutableDictionary<string, object?>.Empty.Add("x", new object()) }));
        });
        Assert.That(mock.Calls, Is.Empty);
    }

    [Test]
    public void Outputs_OfEveryKind_AreTyped_AndAbsentOnesAreEmpty()
    {
        var data = new Data
        {
            Regions = { new Region { Id = "r1", Value = 0.9f, RegionInfo = new RegionInfo { BoundingBox = new BoundingBox { TopRow = 0.1f, LeftCol = 0.2f, BottomRow = 0.5f, RightCol = 0.6f } }, Data = new Data { Concepts = { new Concept { Id = "cat", Value = 0.3f }, new Concept { Id = "dog", Value = 0.8f } } } } },
            Frames = { new Frame { FrameInfo = new FrameInfo { Number = 2, Time = 1500 }, Data = new Data { Concepts = { new Concept { Id = "car", Value = 0.7f } } } } },
            Embeddings = { new Embedding { Vector = { 0.1f, 0.2f, 0.3f }, NumDimensions = 3 } },
        };

        var full = new Prediction(new Output { Status = Responses.Status(StatusCode.Success), Data = data });
        var empty = new Prediction(new Output { Status = Responses.Status(StatusCode.Success) });

        Assert.Multiple(() =>
        {
            Assert.That(full.Regions.Single().Box, Is.EqualTo(new RegionBox(0.1f, 0.2f, 0.5f, 0.6f)));
            Assert.That(full.Regions.Single().Concepts.Select(c => c.Id), Is.EqualTo(new[] { "dog", "cat" }), "highest first");
            Assert.That((full.Frames.Single().Number, full.Frames.Single().Time), Is.EqualTo((2, TimeSpan.FromMilliseconds(1500))));
            Assert.That(full.Embeddings.Single(), Is.EqualTo(new[] { 0.1f, 0.2f, 0.3f }));
            Assert.That((empty.Regions.IsEmpty, empty.Frames.IsEmpty, empty.Embeddings.IsEmpty, empty.Concepts.IsEmpty, empty.Text), Is.EqualTo((true, true, true, true, string.Empty)));
        });
    }
}
