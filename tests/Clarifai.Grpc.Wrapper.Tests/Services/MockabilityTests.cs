using Moq;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

/// <summary>Users' own unit tests mock our client and services with Moq; this keeps that possible.</summary>
[TestFixture]
public sealed class MockabilityTests
{
    /// <summary>A piece of user code that depends on the client.</summary>
    private static async Task<string> TopConceptAsync(ClarifaiClient clarifai, string url)
    {
        var prediction = await clarifai.Predictions.PredictAsync("pets", ImageSource.FromUrl(url));
        return prediction.Concepts[0].Name;
    }

    [Test]
    public async Task TheClientAndItsServices_CanBeMockedWithMoq()
    {
        var output = new Clarifai.Api.Output { Data = new Clarifai.Api.Data { Concepts = { new Clarifai.Api.Concept { Id = "charlie", Name = "charlie", Value = 0.9f } } } };
        var predictions = new Mock<PredictionService>();
        predictions
            .Setup(p => p.PredictAsync("pets", It.IsAny<ModelInput>(), null, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Prediction(output));
        var client = new Mock<ClarifaiClient>();
        client.SetupGet(c => c.Predictions).Returns(predictions.Object);

        var top = await TopConceptAsync(client.Object, "https://example.test/dog.jpg");

        Assert.That(top, Is.EqualTo("charlie"));
        predictions.Verify(p => p.PredictAsync("pets", It.Is<ModelInput>(i => i.ToProto().Data.Image.Url.StartsWith("https://example.test/", StringComparison.Ordinal)), null, null, It.IsAny<CancellationToken>()), Times.Once);
    }
}
