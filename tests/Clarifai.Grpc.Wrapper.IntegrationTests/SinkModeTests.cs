using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The local server's sink mode, which the external benchmark runs on its own core: uploads and predictions answered
/// at once with success, nothing stored, keys still checked.
/// </summary>
[TestFixture]
public sealed class SinkModeTests
{
    [Test]
    public async Task InputsAndPredictions_AreAnsweredAtOnce_AndNothingIsStored_ButKeysStillCount()
    {
        await using var sink = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Sink = true });
        using var client = EmulatorClients.Create(sink);
        using var wrongKey = EmulatorClients.Create(sink, configure: o => o.ApiKey = "not-the-key");

        var summary = await client.Uploads.UploadAllAsync(Enumerable.Range(0, 300).Select(i => NewInput.FromText($"text {i}").WithId($"in-{i}")));
        var prediction = await client.Predictions.PredictAsync("any-model", ImageSource.FromUrl("https://example.test/a.jpg"));
        var listed = await client.GrpcClient.ListInputsAsync(new ListInputsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.EqualTo(300));
            Assert.That(prediction.Concepts.Select(c => c.Id), Is.EqualTo(new[] { "warm", "cold" }), "a canned answer, for any model");
            Assert.That(listed.Inputs, Is.Empty, "nothing stored");
        });
        var refused = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(async () => await wrongKey.Uploads.UploadAllAsync([NewInput.FromText("x")]));
        Assert.That(refused!.Code, Is.EqualTo(StatusCode.ConnKeyNotFound).Or.EqualTo(StatusCode.ConnKeyInvalid));
    }
}
