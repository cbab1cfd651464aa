using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>DeleteModels, PatchModels, GetInputCount and ListModelTypes on the local server, through the checked raw API.</summary>
[TestFixture]
public sealed class CatalogTests : SharedEmulatorFixture
{
    [Test]
    public async Task DeleteModels_ByIds_OrAll()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        foreach (var id in new[] { "a", "b", "c" }) await clarifai.Models.CreateAsync(id, ["x"]);

        await clarifai.Api.DeleteModelsAsync(new DeleteModelsRequest { Ids = { "a", "never-was" } });
        var afterOne = (await clarifai.Api.ListModelsAsync(new ListModelsRequest())).Models.Select(m => m.Id).ToList();
        var neither = await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(async () => await clarifai.Api.DeleteModelsAsync(new DeleteModelsRequest()));
        await clarifai.Api.DeleteModelsAsync(new DeleteModelsRequest { DeleteAll = true });
        var afterAll = (await clarifai.Api.ListModelsAsync(new ListModelsRequest())).Models;

        Assert.Multiple(() =>
        {
            Assert.That(afterOne, Is.EquivalentTo(new[] { "b", "c" }));
            Assert.That(neither!.Code, Is.EqualTo(StatusCode.ConnInvalidRequest));
            Assert.That(afterAll, Is.Empty);
        });
    }

    [Test]
    public async Task PatchModels_MergesOrOverwrites_AndAnUnknownModelIs21200()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Models.CreateAsync("pets", ["charlie"]);

        var merged = await clarifai.Api.PatchModelsAsync(new PatchModelsRequest { Action = "merge", Models = { new Model { Id = "pets", Description = "my pets", Notes = "v1 notes" } } });
        var overwritten = await clarifai.Api.PatchModelsAsync(new PatchModelsRequest { Action = "overwrite", Models = { new Model { Id = "pets", Description = "only this" } } });
        var missing = await Assert.ThrowsAsync<ClarifaiNotFoundException>(async () => await clarifai.Api.PatchModelsAsync(new PatchModelsRequest { Models = { new Model { Id = "nope" } } }));

        Assert.Multiple(() =>
        {
            Assert.That((merged.Models[0].Description, merged.Models[0].Notes), Is.EqualTo(("my pets", "v1 notes")));
            Assert.That((overwritten.Models[0].Description, overwritten.Models[0].Notes), Is.EqualTo(("only this", "")));
            Assert.That(missing!.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
        });
    }

    [Test]
    public async Task GetInputCount_CountsTheAppsInputsByState()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([NewInput.FromText("one"), NewInput.FromText("two")]);
        await clarifai.Inputs.WaitForProcessingAsync(await ListIds(clarifai));

        var counts = (await clarifai.Api.GetInputCountAsync(new GetInputCountRequest())).Counts;

        Assert.That((counts.Processed, counts.ToProcess, counts.Errors), Is.EqualTo((2u, 0u, 0u)));
    }

    [Test]
    public async Task ListModelTypes_NamesTheTypesTheServerCreatesAndServes()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var types = (await clarifai.Api.ListModelTypesAsync(new ListModelTypesRequest())).ModelTypes;

        Assert.That(types.Where(t => t.Creatable).Select(t => t.Id), Is.EquivalentTo(new[] { "visual-classifier", "text-classifier" }));
    }

    private static async Task<List<string>> ListIds(ClarifaiClient clarifai)
    {
        var ids = new List<string>();
        await foreach (var input in clarifai.Inputs.ListAsync()) ids.Add(input.Id);
        return ids;
    }
}
