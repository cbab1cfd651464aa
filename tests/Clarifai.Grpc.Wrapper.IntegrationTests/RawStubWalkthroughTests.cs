using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The same four steps with only the generated <see cref="V2.V2Client"/>, as code written for Clarifai's ClarifaiGrpc
/// package does them: the README compares its length with the wrapper's. It also shows that such code runs unchanged
/// on our generated client.
/// </summary>
[TestFixture]
public sealed class RawStubWalkthroughTests
{
    [Test]
    public async Task TheSeedWalkthrough_WithTheRawStub()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync();
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(emulator.Endpoint);
        var (pat, userId, appId) = (emulator.ApiKey, "raw", "raw-app");

        // --- raw stub walkthrough: begin ---
        var client = new V2.V2Client(channel);
        var metadata = new Metadata { { "Authorization", $"Key {pat}" } };
        var userAppId = new UserAppIDSet { UserId = userId, AppId = appId };

        var postInputs = new PostInputsRequest { UserAppId = userAppId };
        for (var i = 0; i < 10; i++)
        {
            postInputs.Inputs.Add(new Input
            {
                Data = new Data
                {
                    Image = new Image { Base64 = ByteString.CopyFrom(SceneGenerator.Png(ScenePalette.Warm, i)) },
                    Concepts = { new Concept { Id = "charlie", Value = 1 }, new Concept { Id = "our_wedding", Value = 0 } },
                },
            });
        }

        var inputsResponse = await client.PostInputsAsync(postInputs, metadata);
        if (inputsResponse.Status.Code != StatusCode.Success)
        {
            throw new InvalidOperationException($"PostInputs failed: {inputsResponse.Status.Code} {inputsResponse.Status.Description} {inputsResponse.Status.Details}");
        }

        var model = new Model { Id = "pets", ModelTypeId = "embedding-classifier" };
#pragma warning disable CS0612 // output_info is how the seed passes concepts
        model.OutputInfo = new OutputInfo { Data = new Data { Concepts = { new Concept { Id = "charlie" } } } };
#pragma warning restore CS0612
        var modelResponse = await client.PostModelsAsync(new PostModelsRequest { UserAppId = userAppId, Models = { model } }, metadata);
        if (modelResponse.Status.Code != StatusCode.Success)
        {
            throw new InvalidOperationException($"PostModels failed: {modelResponse.Status.Code} {modelResponse.Status.Description} {modelResponse.Status.Details}");
        }

        var trainResponse = await client.PostModelVersionsAsync(new PostModelVersionsRequest { UserAppId = userAppId, ModelId = "pets" }, metadata);
        if (trainResponse.Status.Code != StatusCode.Success)
        {
            throw new InvalidOperationException($"PostModelVersions failed: {trainResponse.Status.Code} {trainResponse.Status.Description} {trainResponse.Status.Details}");
        }

        var versionId = trainResponse.Model.ModelVersion.Id;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var versionResponse = await client.GetModelVersionAsync(new GetModelVersionRequest { UserAppId = userAppId, ModelId = "pets", VersionId = versionId }, metadata);
            if (versionResponse.Status.Code != StatusCode.Success)
            {
                throw new InvalidOperationException($"GetModelVersion failed: {versionResponse.Status.Code} {versionResponse.Status.Description}");
            }

            var state = versionResponse.ModelVersion.Status.Code;
            if (state == StatusCode.ModelTrained) break;
            if (state is not (StatusCode.ModelQueuedForTraining or StatusCode.ModelTraining))
            {
                throw new InvalidOperationException($"Training failed: {state} {versionResponse.ModelVersion.Status.Description}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromTicks((long)Math.Min(delay.Ticks * 1.3, TimeSpan.FromSeconds(10).Ticks));
        }

        var predictRequest = new PostModelOutputsRequest { UserAppId = userAppId, ModelId = "pets" };
        predictRequest.Inputs.Add(new Input { Data = new Data { Image = new Image { Base64 = ByteString.CopyFrom(SceneGenerator.Png(ScenePalette.Warm, 999)) } } });
        var predictResponse = await client.PostModelOutputsAsync(predictRequest, metadata);
        if (predictResponse.Status.Code != StatusCode.Success)
        {
            throw new InvalidOperationException($"PostModelOutputs failed: {predictResponse.Status.Code} {predictResponse.Status.Description} {predictResponse.Status.Details}");
        }

        var concepts = predictResponse.Outputs[0].Data.Concepts.OrderByDescending(c => c.Value).ToList();
        // --- raw stub walkthrough: end ---

        Assert.Multiple(() =>
        {
            Assert.That(concepts.Select(c => c.Id), Is.EqualTo(new[] { "charlie" }));
            Assert.That(concepts[0].Value, Is.GreaterThan(0.5f));
        });
    }
}
