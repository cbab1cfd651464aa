using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// What Clarifai's own client suites need first: public models reached from any app (and by the General model's legacy
/// id), listed for app-scoped keys as the API did, offline sample images, and DeleteInput.
/// </summary>
[TestFixture]
public sealed class PublicModelsTests
{
    private ClarifaiEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task Start() => _emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { OfflineSamples = true, AppKeys = [new EmulatorAppKey("public-models-key", "ann", "photos")] });

    [OneTimeTearDown]
    public async Task Stop() => await _emulator.DisposeAsync();

    /// <summary>A client with the app key and no user_app_id, as the Node.js suites call.</summary>
    private ClarifaiClient AppKeyClient() => new(new ClarifaiClientOptions { Endpoint = _emulator.Endpoint, ApiKey = "public-models-key", AllowInsecureCredentials = true });

    [Test]
    public async Task APublicModel_IsReachedWithoutNamingItsApp_AlsoByTheGeneralModelsLegacyId()
    {
        using var clarifai = AppKeyClient();
        var image = ImageSource.FromUrl("https://samples.clarifai.com/dog2.jpeg");

        var byId = await clarifai.Predictions.PredictAsync("general-image-recognition", image);
        var byLegacyId = await clarifai.Predictions.PredictAsync(PublicModels.LegacyGeneralModelId, image);
        var model = await clarifai.Models.GetAsync(PublicModels.LegacyGeneralModelId);

        Assert.Multiple(() =>
        {
            Assert.That(byId.Concepts, Is.Not.Empty);
            Assert.That(byLegacyId.Concepts.Select(c => c.Id), Is.EqualTo(byId.Concepts.Select(c => c.Id)));
            Assert.That(model.Id, Is.EqualTo("general-image-recognition"));
        });
    }

    [Test]
    public async Task AnOfflineSample_IsTheSameImageEveryTime_AndAnotherHostStillFails30002()
    {
        using var clarifai = AppKeyClient();

        var first = await clarifai.Predictions.PredictAsync("general-image-recognition", ImageSource.FromUrl("https://samples.clarifai.com/red-truck.png"));
        var again = await clarifai.Predictions.PredictAsync("general-image-recognition", ImageSource.FromUrl("https://samples.clarifai.com/red-truck.png"));
        var elsewhere = await clarifai.Predictions.PredictManyAsync("general-image-recognition", [ImageSource.FromUrl("https://example.com/non-existing.jpg")]);

        Assert.Multiple(() =>
        {
            Assert.That(again.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(first.Concepts.Select(c => (c.Id, c.Value))));
            Assert.That(first.Concepts.Select(c => c.Id), Has.Some.AnyOf("red", "orange", "yellow", "rose", "magenta"), "a name that says red is a warm scene");
            Assert.That(elsewhere.Single().Status.Code, Is.EqualTo(StatusCode.InputFailed));
        });
    }

    [Test]
    public async Task ListingWithAnAppKey_ListsTheAppsModelsThenThePublicOnes_UnlessDontFetchFromMain()
    {
        using var clarifai = AppKeyClient();
        await clarifai.Models.CreateAsync("pets", ["charlie"]);

        var all = await clarifai.Api.ListModelsAsync(new ListModelsRequest { PerPage = 100 });
#pragma warning disable CS0612 // deprecated upstream, still sent by older clients
        var own = await clarifai.Api.ListModelsAsync(new ListModelsRequest { PerPage = 100, DontFetchFromMain = true });
#pragma warning restore CS0612
        var far = await clarifai.Api.ListModelsAsync(new ListModelsRequest { Page = 1000, PerPage = 500 });

        Assert.Multiple(() =>
        {
            Assert.That(all.Models[0].Id, Is.EqualTo("pets"));
            Assert.That(all.Models.Select(m => m.Id), Does.Contain("general-image-recognition").And.Contain("echo-chat"));
            Assert.That(own.Models.Select(m => m.Id), Is.EqualTo(new[] { "pets" }));
            Assert.That(far.Models, Is.Empty);
        });
    }

    [Test]
    public async Task DeleteInput_DeletesOne_AndAnUnknownIdIs30102()
    {
        using var clarifai = AppKeyClient();
        var added = await clarifai.Inputs.AddAsync([NewInput.FromUrl("https://samples.clarifai.com/dog2.jpeg").WithId("dog-1")]);

        await clarifai.Api.DeleteInputAsync(new DeleteInputRequest { InputId = "dog-1" });
        var missing = await Assert.ThrowsAsync<ClarifaiNotFoundException>(async () => await clarifai.Api.DeleteInputAsync(new DeleteInputRequest { InputId = "dog-1" }));

        Assert.Multiple(() =>
        {
            Assert.That(added.Inputs.Single().Id, Is.EqualTo("dog-1"));
            Assert.That(missing!.Code, Is.EqualTo(StatusCode.InputDoesNotExist));
        });
    }

    [Test]
    public async Task APredictionHonoursTheOutputConfig_MaxConceptsMinValueAndSelectedConcepts()
    {
        using var clarifai = AppKeyClient();
        var image = ImageSource.FromUrl("https://samples.clarifai.com/red-truck.png");

        var all = await clarifai.Predictions.PredictAsync("general-image-recognition", image);
        var top = await clarifai.Predictions.PredictAsync("general-image-recognition", image, new PredictionOptions { MaxConcepts = 1 });
        var strong = await clarifai.Predictions.PredictAsync("general-image-recognition", image, new PredictionOptions { MinValue = all.Concepts[1].Value });
        var selected = await clarifai.Predictions.PredictAsync("general-image-recognition", image, new PredictionOptions { SelectConcepts = [all.Concepts[^1].Id, all.Concepts[0].Id] });

        Assert.Multiple(() =>
        {
            Assert.That(all.Concepts, Has.Length.GreaterThan(2), "enough concepts to cut");
            Assert.That(top.Concepts.Select(c => c.Id), Is.EqualTo(new[] { all.Concepts[0].Id }));
            Assert.That(strong.Concepts.Select(c => c.Id), Is.EqualTo(all.Concepts.Take(2).Select(c => c.Id)));
            Assert.That(selected.Concepts.Select(c => c.Id), Is.EquivalentTo(new[] { all.Concepts[0].Id, all.Concepts[^1].Id }));
        });
    }
}
