using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// Any model, any input, over loopback: the local server's built-in models (clarifai/main), text training and
/// prediction, and LLM generation over server streaming and bidirectional streaming.
/// </summary>
[TestFixture]
public sealed class BuiltInModelTests : SharedEmulatorFixture
{
    private static readonly ModelRef ImageRecognition = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-image-recognition");
    private static readonly ModelRef TextEmbedding = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-text-embedding");
    private static readonly ModelRef EchoLlm = ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm");

    [Test]
    public async Task GeneralImageRecognition_NamesTheColoursOfAWarmAndOfAColdScene()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var warm = await clarifai.Predictions.PredictAsync(ImageRecognition, ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 3)));
        var cold = await clarifai.Predictions.PredictAsync(ImageRecognition, ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Cold, 3)));

        string[] warmHues = ["red", "orange", "yellow", "rose", "magenta"];
        string[] coldHues = ["cyan", "azure", "blue", "violet", "spring-green", "green"];
        Assert.Multiple(() =>
        {
            Assert.That(warm.Concepts.Select(c => c.Id).First(warmHues.Concat(coldHues).Contains), Is.AnyOf(warmHues));
            Assert.That(cold.Concepts.Select(c => c.Id).First(warmHues.Concat(coldHues).Contains), Is.AnyOf(coldHues));
            Assert.That(warm.Concepts.Select(c => c.Id), Has.Some.AnyOf("bright", "dark"));
            Assert.That(warm.ModelId, Is.EqualTo("general-image-recognition"));
        });
    }

    [Test]
    public async Task AVideoInput_FailsItsOutput_SayingTheLocalServerReadsNoVideo()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var request = new Clarifai.Api.PostModelOutputsRequest
        {
            UserAppId = new Clarifai.Api.UserAppIDSet { UserId = "clarifai", AppId = "main" },
            ModelId = "general-image-recognition",
            Inputs = { new Clarifai.Api.Input { Data = new Clarifai.Api.Data { Video = new Clarifai.Api.Video { Url = "https://samples.clarifai.com/beer.mp4" } } } },
        };

        var response = await clarifai.GrpcClient.PostModelOutputsAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.Failure));
            Assert.That(response.Outputs.Single().Status.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.InputFailed));
            Assert.That(response.Outputs[0].Status.Details, Does.Contain("not videos"));
        });
    }

    [Test]
    public async Task GeneralTextEmbedding_PutsTextsThatShareWordsCloser()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var embeddings = await clarifai.Predictions.PredictManyAsync(TextEmbedding, [ModelInput.FromText("the cat sat on the mat"), ModelInput.FromText("a cat sat on a mat"), ModelInput.FromText("quantum chromodynamics lecture")], options: null);

        var vectors = embeddings.Select(e => e.Embeddings.Single()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(vectors.Select(v => v.Length), Is.All.EqualTo(64));
            Assert.That(Cosine(vectors[0], vectors[1]), Is.GreaterThan(Cosine(vectors[0], vectors[2]) + 0.3));
        });
    }

    [Test]
    public async Task EchoLlm_Predicts_WithTokenCounts_AndHonoursMaxTokens()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var full = await clarifai.Predictions.PredictAsync(EchoLlm, ModelInput.FromText("hello brave new world"), options: null);
        var cut = await clarifai.Predictions.PredictAsync(EchoLlm, ModelInput.FromText("hello brave new world"), new PredictionOptions { MaxTokens = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(full.Text, Is.EqualTo("Echo: hello brave new world"));
            Assert.That((full.PromptTokens, full.CompletionTokens), Is.EqualTo((4, 5)));
            Assert.That(cut.Text, Is.EqualTo("Echo: hello"));
        });
    }

    [Test]
    public async Task GenerateAsync_StreamsTheAnswerOneChunkAtATime_OverServerStreaming()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var chunks = new List<string>();
        await foreach (var chunk in clarifai.Predictions.GenerateAsync(EchoLlm, ModelInput.FromText("one two three"), new PredictionOptions { Temperature = 0.5 })) chunks.Add(chunk);

        Assert.That(chunks, Is.EqualTo(new[] { "Echo:", " one", " two", " three" }));
    }

    [Test]
    public async Task GenerateAsync_CancelledMidStream_Stops()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        using var cts = new CancellationTokenSource();
        var chunks = new List<string>();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var chunk in clarifai.Predictions.GenerateAsync(EchoLlm, ModelInput.FromText(string.Join(' ', Enumerable.Range(0, 500))), cancellationToken: cts.Token))
            {
                chunks.Add(chunk);
                if (chunks.Count == 3) await cts.CancelAsync();
            }
        });

        Assert.That(chunks, Has.Count.LessThan(500));
    }

    [Test]
    public async Task GenerateAsync_WithAWrongKey_FailsWithTheAuthenticationException()
    {
        using var clarifai = EmulatorClients.Create(Emulator, configure: o => o.ApiKey = "not-the-key");

        var failure = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(async () =>
        {
            await foreach (var _ in clarifai.Predictions.GenerateAsync(EchoLlm, ModelInput.FromText("hi")))
            {
            }
        });

        Assert.That(failure!.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.ConnKeyInvalid));
    }

    [Test]
    public async Task StreamAsync_AnswersEachInputOfAConversation_OverOneBidirectionalCall()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var answers = new List<string>();
        await foreach (var prediction in clarifai.Predictions.StreamAsync(EchoLlm, Prompts("first question", "second question", "third")))
        {
            answers.Add(prediction.Text);
        }

        Assert.That(answers, Is.EqualTo(new[] { "Echo: first question", "Echo: second question", "Echo: third" }));
    }

    [Test]
    public async Task ATextClassifier_IsTrainedOnTexts_AndPredictsOnText()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        string[] sports = ["the team won the football match", "a great goal in the final minute of the match", "the striker scored twice in the league game", "football fans cheered the winning team"];
        string[] cooking = ["simmer the tomato sauce with garlic", "bake the bread dough in a hot oven", "chop the onions and fry them in butter", "season the soup with salt and pepper"];
        await clarifai.Inputs.AddAsync(
            sports.Select(t => NewInput.FromText(t).WithConcepts("sports").WithoutConcepts("cooking"))
                .Concat(cooking.Select(t => NewInput.FromText(t).WithConcepts("cooking").WithoutConcepts("sports"))));
        await clarifai.Models.CreateAsync("topics", ["sports", "cooking"], new CreateModelOptions { ModelTypeId = "text-classifier" });
        await (await clarifai.ModelVersions.StartTrainingAsync("topics")).WaitForCompletionAsync();

        var match = await clarifai.Predictions.PredictAsync("topics", ModelInput.FromText("who won the football match"), options: null);
        var kitchen = await clarifai.Predictions.PredictAsync("topics", ModelInput.FromText("fry the garlic in butter for the sauce"), options: null);

        Assert.Multiple(() =>
        {
            Assert.That(match.Concepts[0].Id, Is.EqualTo("sports"));
            Assert.That(kitchen.Concepts[0].Id, Is.EqualTo("cooking"));
        });
    }

    private static async IAsyncEnumerable<ModelInput> Prompts(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return ModelInput.FromText(text);
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
