using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class ConceptServiceTests
{
    [Test]
    public async Task AddAsync_SendsIdsAndNames_AndRefusesBadInputBeforeAnyCall()
    {
        var mock = new MockV2().On<PostConceptsRequest, MultiConceptResponse>(r => GrpcCalls.Unary(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success), Concepts = { r.Concepts } }));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Concepts.AddAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Concepts.AddAsync([("a", null), ("a", "again")]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Concepts.AddAsync([("bad\nid", null)]));
        var added = await client.Concepts.AddAsync([("cat", "Cat"), ("dog", null)]);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls, Has.Count.EqualTo(1));
            Assert.That(added.Select(c => (c.Id, c.Name)), Is.EqualTo(new[] { ("cat", "Cat"), ("dog", "dog") }));
        });
    }

    [Test]
    public async Task RenameAsync_OverwritesTheName()
    {
        var mock = new MockV2().On<PatchConceptsRequest, MultiConceptResponse>(r => GrpcCalls.Unary(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success), Concepts = { r.Concepts } }));
        using var client = TestClients.Create(mock);

        var renamed = await client.Concepts.RenameAsync("cat", "Felis");

        var request = (PatchConceptsRequest)mock.Calls.Single().Request;
        Assert.Multiple(() =>
        {
            Assert.That(request.Action, Is.EqualTo("overwrite"));
            Assert.That(renamed.Name, Is.EqualTo("Felis"));
        });
    }

    [Test]
    public async Task InputPatches_SendMergeAndRemove_AndAFailedItemThrows()
    {
        var mock = new MockV2().On<PatchInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(r.Action == "remove"
            ? Responses.Inputs(StatusCode.Failure, ("a", StatusCode.InputInvalidArgument))
            : Responses.Inputs(StatusCode.Success, ("a", StatusCode.InputSuccess))));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.MergeAsync("a"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.MergeAsync("a", ["x"], ["x"]));
        await client.Inputs.MergeAsync("a", ["x"], ["y"]);
        await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(() => client.Inputs.RemoveConceptsAsync("a", ["x"]));

        var merge = (PatchInputsRequest)mock.Calls[0].Request;
        Assert.Multiple(() =>
        {
            Assert.That(merge.Action, Is.EqualTo("merge"));
            Assert.That(merge.Inputs.Single().Data.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(new[] { ("x", 1f), ("y", 0f) }));
            Assert.That(((PatchInputsRequest)mock.Calls[1].Request).Action, Is.EqualTo("remove"));
        });
    }
}
