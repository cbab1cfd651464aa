using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class WorkflowServiceTests
{
    [Test]
    public async Task CreateAndRun_SendTheNodesAndTheImages_AndReadEachNodesOutput()
    {
        var mock = new MockV2()
            .On<PostWorkflowsRequest, MultiWorkflowResponse>(r => GrpcCalls.Unary(new MultiWorkflowResponse { Status = Responses.Status(StatusCode.Success), Workflows = { r.Workflows } }))
            .On<PostWorkflowResultsRequest, PostWorkflowResultsResponse>(r => GrpcCalls.Unary(new PostWorkflowResultsResponse
            {
                Status = Responses.Status(StatusCode.Success),
                Results = { r.Inputs.Select(_ => new WorkflowResult { Status = Responses.Status(StatusCode.Success), Outputs = { Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("dog", 0.8f)])).Outputs } }) },
            }));
        using var client = TestClients.Create(mock);

        var workflow = await client.Workflows.CreateAsync("wf", [new WorkflowStep("a", "pets"), new WorkflowStep("b", "general", "v3")]);
        var outcomes = await client.Workflows.RunAsync("wf", [ImageSource.FromUrl("https://example.test/1.jpg"), ImageSource.FromUrl("https://example.test/2.jpg")]);

        var created = ((PostWorkflowsRequest)mock.Calls[0].Request).Workflows.Single();
        Assert.Multiple(() =>
        {
            Assert.That(created.Nodes.Select(n => (n.Id, n.Model.Id, n.Model.ModelVersion?.Id)), Is.EqualTo(new[] { ("a", "pets", (string?)null), ("b", "general", "v3") }));
            Assert.That(workflow.Id, Is.EqualTo("wf"));
            Assert.That(outcomes.Select(o => o.OutputOf("pets")!.Concepts[0].Id), Is.EqualTo(new[] { "dog", "dog" }));
        });
    }

    [Test]
    public async Task BadArguments_AreRefusedBeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);
        var image = ImageSource.FromUrl("https://example.test/1.jpg");

        await Assert.ThrowsAsync<ArgumentException>(() => client.Workflows.CreateAsync("wf", []));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Workflows.CreateAsync("wf", [new WorkflowStep("a", "m"), new WorkflowStep("a", "n")]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Workflows.CreateAsync("bad id", [new WorkflowStep("a", "m")]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Workflows.RunAsync("wf", Enumerable.Repeat(image, ClarifaiLimits.MaxWorkflowInputs + 1)));

        Assert.That(mock.Calls, Is.Empty);
    }
}
