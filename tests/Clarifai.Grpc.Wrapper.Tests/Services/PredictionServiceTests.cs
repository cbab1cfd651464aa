using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class PredictionServiceTests
{
    [Test]
    public async Task PredictAsync_ReturnsConceptsHighestFirst_WithTheModelAndVersionThatAnswered()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(
            Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("cat", 0.10f), ("charlie", 0.93f), ("dog", 0.40f)])));
        using var client = TestClients.Create(mock);

        var prediction = await client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://samples.clarifai.com/puppy.jpeg"));

        var request = (PostModelOutputsRequest)mock.Calls.Single().Request;
        Assert.Multiple(() =>
        {
            Assert.That(prediction.Concepts.Select(c => c.Id), Is.EqualTo(new[] { "charlie", "dog", "cat" }));
            Assert.That(prediction.Concepts[0].Value, Is.EqualTo(0.93f));
            Assert.That(prediction.ModelId, Is.EqualTo("pets"));
            Assert.That(prediction.ModelVersionId, Is.EqualTo("v7"));
            Assert.That(request.ModelId, Is.EqualTo("pets"));
            Assert.That(request.VersionId, Is.Empty, "no version: the latest");
            Assert.That(request.Inputs.Single().Data.Image.Url, Is.EqualTo("https://samples.clarifai.com/puppy.jpeg"));
        });
    }

    [Test]
    public async Task PredictAsync_WithAVersionAndBytes_SendsBoth()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("charlie", 0.5f)])));
        using var client = TestClients.Create(mock);

        await client.Predictions.PredictAsync(new ModelRef("pets", VersionId: "v3"), ImageSource.FromBytes([1, 2, 3]));

        var request = (PostModelOutputsRequest)mock.Calls.Single().Request;
        Assert.Multiple(() =>
        {
            Assert.That(request.VersionId, Is.EqualTo("v3"));
            Assert.That(request.Inputs.Single().Data.Image.Base64.ToByteArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    public async Task PredictManyAsync_OnMixedStatus_ReturnsEachOutcomeInOrder()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(
            Responses.Outputs(StatusCode.MixedStatus, (StatusCode.Success, [("charlie", 0.8f)]), (StatusCode.InputInvalidUrl, [])));
        using var client = TestClients.Create(mock);

        var predictions = await client.Predictions.PredictManyAsync("pets", [ImageSource.FromUrl("https://example.test/a.jpg"), ImageSource.FromUrl("https://example.test/b.jpg")]);

        Assert.Multiple(() =>
        {
            Assert.That(predictions.Select(p => p.IsSuccess), Is.EqualTo(new[] { true, false }));
            Assert.That(predictions[1].Status.Code, Is.EqualTo(StatusCode.InputInvalidUrl));
            Assert.That(predictions[1].Concepts, Is.Empty);
        });
    }

    [Test]
    public async Task PredictAsync_WhenItsOnlyInputFailed_Throws()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Failure, (StatusCode.InputInvalidArgument, [])));
        using var client = TestClients.Create(mock);

        var ex = await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(() => client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/a.jpg")));

        Assert.That(ex!.Code, Is.EqualTo(StatusCode.InputInvalidArgument));
    }

    [Test]
    public async Task PredictManyAsync_WhenTheCountOfOutputsIsWrong_Throws()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("charlie", 0.8f)])));
        using var client = TestClients.Create(mock);

        var ex = await Assert.ThrowsAsync<ClarifaiException>(() => client.Predictions.PredictManyAsync("pets", [ImageSource.FromUrl("https://example.test/a.jpg"), ImageSource.FromUrl("https://example.test/b.jpg")]));

        Assert.That(ex!.Details, Does.Contain("2 inputs").And.Contain("1 outputs"));
    }

    [Test]
    public async Task Predict_RefusesBadArguments_BeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);
        var image = ImageSource.FromUrl("https://example.test/a.jpg");

        await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictAsync("", image));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Predictions.PredictAsync("pets", null!));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictAsync(new ModelRef("pets", VersionId: " "), image));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictManyAsync("pets", []));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictManyAsync("pets", Enumerable.Repeat(ModelInput.FromImage(image), 129)));
        Assert.That(mock.Calls, Is.Empty);
    }
}
