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
        predictions.Setup(p => p.PredictAsync("pets", It.IsAny<ImageSource>(), null, It.IsAny<CancellationToken>()))
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
}
