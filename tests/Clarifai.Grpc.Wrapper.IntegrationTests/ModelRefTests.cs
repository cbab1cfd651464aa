using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Models of other apps, addressed by their clarifai.com URL, over loopback.</summary>
[TestFixture]
public sealed class ModelRefTests : SharedEmulatorFixture
{
    [Test]
    public async Task AModelOfAnotherApp_IsUsedByItsUrl_FromAClientOfADifferentApp()
    {
        var owner = EmulatorClients.NewAppId();
        using (var theirs = EmulatorClients.Create(Emulator, owner))
        {
            await theirs.Inputs.AddAsync(Enumerable.Range(0, 4).Select(i => EmulatorClients.Scene(ScenePalette.Warm, 30 + i).WithConcepts("warm").WithoutConcepts("cold"))
                .Concat(Enumerable.Range(0, 4).Select(i => EmulatorClients.Scene(ScenePalette.Cold, 40 + i).WithConcepts("cold").WithoutConcepts("warm"))));
            await theirs.Models.CreateAsync("shared", ["warm", "cold"]);
            await (await theirs.ModelVersions.StartTrainingAsync("shared")).WaitForCompletionAsync();
        }

        using var mine = EmulatorClients.Create(Emulator);
        var model = ModelRef.Parse($"https://clarifai.com/{EmulatorClients.UserId}/{owner}/models/shared");
        var prediction = await mine.Predictions.PredictAsync(model, ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 77)));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(prediction.Concepts[0].Id, Is.EqualTo("warm"));
            Assert.That((await mine.Models.GetAsync(model)).Id, Is.EqualTo("shared"));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => mine.Models.GetAsync("shared")); // not in the client's own app
        });
    }

    [Test]
    public async Task ATextInput_ToAnImageModel_IsAFailedOutput_WithTheServersReason()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 50).WithConcepts("warm")]);
        await clarifai.Models.CreateAsync("image-only", ["warm"]);
        await (await clarifai.ModelVersions.StartTrainingAsync("image-only")).WaitForCompletionAsync();

        var e = (await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Predictions.PredictAsync("image-only", ModelInput.FromText("a warm sunset"), options: null)))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.InputFailed));
            Assert.That(e.Details, Does.Contain("image"));
        });
    }
}
