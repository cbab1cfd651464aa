using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Datasets through the library's <see cref="DatasetService"/> against the local server: inputs in and out, versions that freeze them.</summary>
[TestFixture]
public sealed class DatasetsTests : SharedEmulatorFixture
{
    [Test]
    public async Task ADataset_HoldsInputs_AndAVersionFreezesThem()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([NewInput.FromText("one").WithId("i1"), NewInput.FromText("two").WithId("i2"), NewInput.FromText("three").WithId("i3")]);

        var created = await clarifai.Datasets.CreateAsync("train", "training set");
        var duplicate = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Datasets.CreateAsync("train"));
        await clarifai.Datasets.AddInputsAsync("train", ["i1", "i2"]);
        var again = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Datasets.AddInputsAsync("train", ["i2"]));
        var unknown = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Datasets.AddInputsAsync("train", ["nope"]));
        var version = await clarifai.Datasets.CreateVersionAsync("train");
        await clarifai.Datasets.AddInputsAsync("train", ["i3"]);
        await clarifai.Datasets.RemoveInputsAsync("train", ["i1"]);
        var inputs = new List<string>();
        await foreach (var input in clarifai.Datasets.ListInputsAsync("train", pageSize: 1)) inputs.Add(input.Id);
        var read = await clarifai.Datasets.GetAsync("train");
        var versions = new List<string>();
        await foreach (var v in clarifai.Datasets.ListVersionsAsync("train")) versions.Add(v.Id);
        var datasets = new List<string>();
        await foreach (var d in clarifai.Datasets.ListAsync()) datasets.Add(d.Id);
        await clarifai.Datasets.DeleteAsync("train");
        var gone = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Datasets.GetAsync("train"));

        Assert.Multiple(() =>
        {
            Assert.That((created.Id, created.Description), Is.EqualTo(("train", "training set")));
            Assert.That(duplicate!.Code, Is.EqualTo(StatusCode.DatabaseDuplicateKey));
            Assert.That(again!.Code, Is.EqualTo(StatusCode.DatasetInputDuplicate));
            Assert.That(unknown!.Code, Is.EqualTo(StatusCode.InputDoesNotExist));
            Assert.That(version.Status.Code, Is.EqualTo(StatusCode.DatasetVersionReady));
            Assert.That(inputs, Is.EqualTo(new[] { "i2", "i3" }), "in the order added, one per page");
            Assert.That(read.LatestVersionId, Is.EqualTo(version.Id));
            Assert.That(versions, Is.EqualTo(new[] { version.Id }));
            Assert.That(datasets, Is.EqualTo(new[] { "train" }));
            Assert.That((gone!.Code, gone.Description), Is.EqualTo((StatusCode.ConnDoesNotExist, "Resource does not exist")));
        });
    }

    [Test]
    public async Task DeletingAnInput_TakesItOutOfItsDatasets()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([NewInput.FromText("short").WithId("d1"), NewInput.FromText("long").WithId("d2")]);
        await clarifai.Datasets.CreateAsync("set");
        await clarifai.Datasets.AddInputsAsync("set", ["d1", "d2"]);

        await clarifai.Inputs.DeleteAsync(["d1"]);
        var inputs = new List<string>();
        await foreach (var input in clarifai.Datasets.ListInputsAsync("set")) inputs.Add(input.Id);

        Assert.That(inputs, Is.EqualTo(new[] { "d2" }));
    }
}
