using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Modules as Clarifai's Node.js SDK creates and deletes them (raw requests), with the API's codes.</summary>
[TestFixture]
public sealed class ModulesTests : SharedEmulatorFixture
{
    [Test]
    public async Task CreateGetListPatchDelete_WithTheApisCodes()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var api = clarifai.Api;

        var created = await api.PostModulesAsync(new PostModulesRequest { Modules = { new Module { Id = "ci-module", Description = "CI test module" }, new Module { Id = "other" } } });
        var duplicate = await Assert.ThrowsAsync<ClarifaiException>(() => api.PostModulesAsync(new PostModulesRequest { Modules = { new Module { Id = "ci-module" } } }).ResponseAsync);
        var patched = await api.PatchModulesAsync(new PatchModulesRequest { Action = "merge", Modules = { new Module { Id = "ci-module", Description = "patched" } } });
        var read = await api.GetModuleAsync(new GetModuleRequest { ModuleId = "ci-module" });
        var listed = await api.ListModulesAsync(new ListModulesRequest { SortById = true, SortAscending = true });
        await api.DeleteModulesAsync(new DeleteModulesRequest { Ids = { "ci-module" } });
        var gone = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => api.GetModuleAsync(new GetModuleRequest { ModuleId = "ci-module" }).ResponseAsync);
        var deleteUnknown = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => api.DeleteModulesAsync(new DeleteModulesRequest { Ids = { "ci-module" } }).ResponseAsync);

        Assert.Multiple(() =>
        {
            var module = created.Modules[0];
            Assert.That((module.Id, module.Description, module.UserId, module.AppId), Is.EqualTo(("ci-module", "CI test module", EmulatorClients.UserId, clarifai.Options.AppId)), "as the SDK's test checks");
            Assert.That(duplicate!.Code, Is.EqualTo(StatusCode.DatabaseDuplicateKey));
            Assert.That(patched.Modules.Single().Description, Is.EqualTo("patched"));
            Assert.That(read.Module.Description, Is.EqualTo("patched"));
            Assert.That(listed.Modules.Select(m => m.Id), Is.EqualTo(new[] { "ci-module", "other" }));
            Assert.That((gone!.Code, gone.Description), Is.EqualTo((StatusCode.ConnDoesNotExist, "Resource does not exist")));
            Assert.That(deleteUnknown!.Code, Is.EqualTo(StatusCode.ConnDoesNotExist));
        });
    }
}
