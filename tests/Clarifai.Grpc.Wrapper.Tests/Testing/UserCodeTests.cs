using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using Moq;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Testing;

/// <summary>
/// How a user tests their own code with the <c>Clarifai.Grpc.Wrapper.Testing</c> helpers: one line per mocked answer,
/// whether they mock our services or a <see cref="CallInvoker"/>. (Referenced from docs/testing.md.)
/// </summary>
[TestFixture]
public sealed class UserCodeTests
{
    /// <summary>The user's code under test: labels a photo with its best concept above a threshold.</summary>
    private sealed class PhotoLabeler(PredictionService predictions)
    {
        public async Task<string?> LabelAsync(string url, CancellationToken cancellationToken = default)
        {
            var prediction = await predictions.PredictAsync("pets", ImageSource.FromUrl(url), cancellationToken: cancellationToken);
            return prediction.Concepts is [var best, ..] && best.Value >= 0.5f ? best.Name : null;
        }
    }

    [Test]
    public async Task MockingOurService_TakesOneLinePerAnswer()
    {
        var predictions = new Mock<PredictionService>();
        predictions.Setup(p => p.PredictAsync("pets", It.IsAny<ModelInput>(), null, null, It.IsAny<CancellationToken>()))
                   .ReturnsAsync(ClarifaiFakes.Prediction(("cat", 0.02f), ("charlie", 0.97f)));

        var label = await new PhotoLabeler(predictions.Object).LabelAsync("https://example.test/dog.jpg");

        Assert.That(label, Is.EqualTo("charlie"));
    }

    [Test]
    public async Task MockingACallInvoker_ExercisesTheRealClient()
    {
        var invoker = new Mock<CallInvoker>();
        invoker.Setup(i => i.AsyncUnaryCall(It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>(), It.IsAny<PostModelOutputsRequest>()))
               .Returns(GrpcCalls.Unary(ClarifaiFakes.PredictionResponse(("charlie", 0.3f))));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test" }, invoker.Object);

        var label = await new PhotoLabeler(clarifai.Predictions).LabelAsync("https://example.test/dog.jpg");

        Assert.That(label, Is.Null, "0.3 is under the threshold");
    }

    [Test]
    public async Task ErrorsAndTransportFailures_AreOneLineToo()
    {
        var invoker = new Mock<CallInvoker>();
        invoker.SetupSequence(i => i.AsyncUnaryCall(It.IsAny<Method<GetModelRequest, SingleModelResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>(), It.IsAny<GetModelRequest>()))
               .Returns(GrpcCalls.Unary(ClarifaiFakes.ErrorResponse<SingleModelResponse>(StatusCode.ModelDoesNotExist)))
               .Returns(GrpcCalls.Failure<SingleModelResponse>(global::Grpc.Core.StatusCode.PermissionDenied, "no"));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test" }, invoker.Object);

        var notFound = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Models.GetAsync("pets"));
        var transport = await Assert.ThrowsAsync<ClarifaiTransportException>(() => clarifai.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(notFound!.RequestId, Is.EqualTo("fake-req-id"));
            Assert.That(transport!.GrpcStatusCode, Is.EqualTo(global::Grpc.Core.StatusCode.PermissionDenied));
        });
    }

    [Test]
    public void TheFakes_BuildConsistentTypedResults()
    {
        var added = ClarifaiFakes.AddInputsResult(("a", StatusCode.InputPending), ("b", StatusCode.InputDuplicate));
        var version = ClarifaiFakes.ModelVersion("pets", code: StatusCode.ModelTrainingNoPositives);
        var model = ClarifaiFakes.Model("pets", "charlie");

        Assert.Multiple(() =>
        {
            Assert.That(added.Status.Code, Is.EqualTo(StatusCode.MixedStatus));
            Assert.That(added.Failed.Single().Id, Is.EqualTo("b"));
            Assert.That(version.State, Is.EqualTo(ModelVersionState.Failed));
            Assert.That(model.Concepts, Is.EqualTo(new[] { "charlie" }));
            Assert.That(ClarifaiFakes.Input("x").State, Is.EqualTo(InputState.Processed));
        });
    }

    /// <summary>User code: how many of the app's models have a trained latest version.</summary>
    private static async Task<int> CountTrainedAsync(ModelService models)
    {
        var trained = 0;
        await foreach (var model in models.ListAsync())
        {
            if (model.LatestVersion?.State == ModelVersionState.Trained) trained++;
        }

        return trained;
    }

    [Test]
    public async Task APageableIsOneLine_WithItsPages()
    {
        var models = new Mock<ModelService>();
        models.Setup(m => m.ListAsync(null, null)).Returns(ClarifaiFakes.Pageable(
            new ClarifaiPage<ClarifaiModel>([ClarifaiFakes.Model("pets"), ClarifaiFakes.Model("cars")], 1, "2"),
            new ClarifaiPage<ClarifaiModel>([ClarifaiFakes.Model("toys")], 2, null)));

        Assert.That(await CountTrainedAsync(models.Object), Is.Zero, "the fakes' models are untrained (21102)");
    }

    /// <summary>User code: trains a model and says how it ended.</summary>
    private static async Task<string> TrainAsync(ModelVersionService versions)
    {
        var training = await versions.StartTrainingAsync("pets");
        try
        {
            var version = await training.WaitForCompletionAsync();
            return $"trained {version.Id}";
        }
        catch (ClarifaiModelTrainingFailedException e)
        {
            return $"failed with {(int)e.Code}";
        }
    }

    [Test]
    public async Task CompletedAndFailedOperations_AreOneLineEach()
    {
        var versions = new Mock<ModelVersionService>();
        versions.SetupSequence(v => v.StartTrainingAsync("pets", null, It.IsAny<CancellationToken>()))
                .ReturnsAsync(ClarifaiFakes.CompletedOperation(ClarifaiFakes.ModelVersion("pets", "v2")))
                .ReturnsAsync(ClarifaiFakes.FailedOperation<ClarifaiModelVersion>(new ClarifaiModelTrainingFailedException(ClarifaiFakes.ModelVersion("pets", "v3", StatusCode.ModelTrainingNoPositives))));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await TrainAsync(versions.Object), Is.EqualTo("trained v2"));
            Assert.That(await TrainAsync(versions.Object), Is.EqualTo("failed with 21111"));
        });
    }

    /// <summary>User code: the one line a batch job logs at the end of an upload.</summary>
    private static string Report(UploadSummary summary) => $"{summary.Result}: {summary.Succeeded} of {summary.Total} uploaded, {summary.Failed} failed";

    [Test]
    public void AnUploadSummaryIsOneLine()
    {
        var summary = ClarifaiFakes.UploadSummary([
            ClarifaiFakes.UploadOutcome(NewInput.FromUrl("https://example.test/a.jpg"), UploadOutcomeKind.Succeeded),
            ClarifaiFakes.UploadOutcome(NewInput.FromUrl("https://example.test/b.jpg"), UploadOutcomeKind.Failed, StatusCode.InputFailed),
        ]);

        Assert.That(Report(summary), Is.EqualTo("Some: 1 of 2 uploaded, 1 failed"));
    }

    /// <summary>User code: tells a story, keeping what was generated if the stream breaks.</summary>
    private static async Task<(string Story, bool Complete)> TellAsync(PredictionService predictions)
    {
        var story = new System.Text.StringBuilder();
        try
        {
            await foreach (var chunk in predictions.GenerateAsync("llm", ModelInput.FromText("a story"))) story.Append(chunk);
            return (story.ToString(), true);
        }
        catch (ClarifaiException)
        {
            return (story.ToString(), false);
        }
    }

    private static MultiOutputResponse Chunk(string text) => new()
    {
        Status = ClarifaiFakes.Status(StatusCode.Success),
        Outputs = { new Output { Data = new Data { Text = new Text { Raw = text } } } },
    };

    [Test]
    public async Task AServerStream_AndOneThatBreaksAfterTheNthMessage_AreOneLineEach()
    {
        var invoker = new Mock<CallInvoker>();
        invoker.SetupSequence(i => i.AsyncServerStreamingCall(It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>(), It.IsAny<PostModelOutputsRequest>()))
               .Returns(GrpcCalls.ServerStreaming(Chunk("Once"), Chunk(" upon a time")))
               .Returns(GrpcCalls.ServerStreaming([Chunk("Once")], new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "reset")));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test" }, invoker.Object);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await TellAsync(clarifai.Predictions), Is.EqualTo(("Once upon a time", true)));
            Assert.That(await TellAsync(clarifai.Predictions), Is.EqualTo(("Once", false)));
        });
    }

    [Test]
    public async Task ABidirectionalStream_AnswersEachRequestLikeAServer_InOneLine()
    {
        var invoker = new Mock<CallInvoker>();
        invoker.Setup(i => i.AsyncDuplexStreamingCall(It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>()))
               .Returns(() => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(request => [Chunk(request.Inputs[0].Data.Text.Raw.ToUpperInvariant())]));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test" }, invoker.Object);

        var answers = new List<string>();
        await foreach (var answer in clarifai.Predictions.StreamAsync("llm", Questions())) answers.Add(answer.Text);

        Assert.That(answers, Is.EqualTo(new[] { "HELLO", "WORLD" }));

        static async IAsyncEnumerable<ModelInput> Questions()
        {
            yield return ModelInput.FromText("hello");
            await Task.Yield();
            yield return ModelInput.FromText("world");
        }
    }
}
