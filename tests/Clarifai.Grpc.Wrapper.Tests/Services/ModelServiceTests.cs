using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class ModelServiceTests
{
    [Test]
    public async Task CreateAsync_SendsTheModelWithConceptsAndOutputConfig_AndReturnsTheUntrainedVersion()
    {
        var mock = new MockV2().Returns<PostModelsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelUntrained));
        using var client = TestClients.Create(mock);

        var model = await client.Models.CreateAsync("pets", ["charlie"], new CreateModelOptions { ConceptsMutuallyExclusive = true, ClosedEnvironment = true });

        var sent = ((PostModelsRequest)mock.Calls.Single().Request).Models.Single();
        var sentModel = new ClarifaiModel(sent);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Id, Is.EqualTo("pets"));
            Assert.That(sent.ModelTypeId, Is.EqualTo("embedding-classifier"));
            Assert.That(sentModel.Concepts, Is.EqualTo(new[] { "charlie" }));
            Assert.That(sentModel.ConceptsMutuallyExclusive, Is.True);
            Assert.That(sentModel.ClosedEnvironment, Is.True);
            Assert.That(model.Id, Is.EqualTo("pets"));
            Assert.That(model.LatestVersion!.State, Is.EqualTo(ModelVersionState.Untrained));
        });
    }

    [Test]
    public async Task CreateAsync_RefusesBadArguments_BeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.CreateAsync("", ["charlie"]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.CreateAsync("has space", ["charlie"]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.CreateAsync("pets", []));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.CreateAsync("pets", [" "]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Models.CreateAsync("pets", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Models.GetAsync(null!));
        Assert.That(mock.Calls, Is.Empty);
    }

    [Test]
    public async Task GetAsync_OfAMissingModel_ThrowsNotFound()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(new SingleModelResponse { Status = Responses.Status(StatusCode.ModelDoesNotExist) });
        using var client = TestClients.Create(mock);

        var ex = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => client.Models.GetAsync("nope"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
            Assert.That(((GetModelRequest)mock.Calls.Single().Request).ModelId, Is.EqualTo("nope"));
        });
    }

    [Test]
    public async Task DeleteAsync_DeletesTheModelOrVersionNamed_AndRefusesBadIdsBeforeAnyCall()
    {
        var ok = new Clarifai.Api.Status.BaseResponse { Status = Responses.Status(StatusCode.Success) };
        var mock = new MockV2().Returns<DeleteModelRequest, Clarifai.Api.Status.BaseResponse>(ok).Returns<DeleteModelVersionRequest, Clarifai.Api.Status.BaseResponse>(ok);
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.DeleteAsync("bad id"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ModelVersions.DeleteAsync("pets", "bad/version"));
        await client.Models.DeleteAsync("pets");
        await client.ModelVersions.DeleteAsync("pets", "v2");

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls.Select(c => c.Method), Is.EqualTo(new[] { "DeleteModel", "DeleteModelVersion" }));
            Assert.That(((DeleteModelRequest)mock.Calls[0].Request).ModelId, Is.EqualTo("pets"));
            Assert.That(((DeleteModelVersionRequest)mock.Calls[1].Request).VersionId, Is.EqualTo("v2"));
        });
    }
}
