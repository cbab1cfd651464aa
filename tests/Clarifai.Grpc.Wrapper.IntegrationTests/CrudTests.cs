namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Deleting what was created, over loopback, with the API's codes for what is not there.</summary>
[TestFixture]
public sealed class CrudTests : SharedEmulatorFixture
{
    [Test]
    public async Task VersionsAndModels_AreDeleted_AndMissingOnesAreNotFound()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var model = await clarifai.Models.CreateAsync("m", ["warm"]);
        var second = await clarifai.ModelVersions.TrainAsync("m");

        await clarifai.ModelVersions.DeleteAsync("m", second.Id);
        var left = new List<string>();
        await foreach (var version in clarifai.ModelVersions.ListAsync("m")) left.Add(version.Id);
        await clarifai.Models.DeleteAsync("m");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(left, Is.EqualTo(new[] { model.LatestVersion!.Id }));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Models.GetAsync("m"));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Models.DeleteAsync("m"));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.ModelVersions.DeleteAsync("m", second.Id));
        });
    }

    [Test]
    public async Task InputsAreDeletedById_AndUnknownIdsAreIgnored()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(Clarifai.Grpc.Emulator.ScenePalette.Cold, 3).WithId("gone"), EmulatorClients.Scene(Clarifai.Grpc.Emulator.ScenePalette.Cold, 4).WithId("kept")]);

        await clarifai.Inputs.DeleteAsync(["gone", "never-existed"]);
        var left = new List<string>();
        await foreach (var input in clarifai.Inputs.ListAsync()) left.Add(input.Id);

        Assert.That(left, Is.EqualTo(new[] { "kept" }));
    }
}
