using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Workflows over loopback: every node's model predicts every input.</summary>
[TestFixture]
public sealed class WorkflowTests : SharedEmulatorFixture
{
    [Test]
    public async Task AWorkflowOfTwoModels_GivesEachImageBothOutputs()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync(Enumerable.Range(0, 4).Select(i => EmulatorClients.Scene(ScenePalette.Warm, 10 + i).WithConcepts("warm").WithoutConcepts("cold"))
            .Concat(Enumerable.Range(0, 4).Select(i => EmulatorClients.Scene(ScenePalette.Cold, 20 + i).WithConcepts("cold").WithoutConcepts("warm"))));
        foreach (var id in new[] { "tone", "tone2" })
        {
            await clarifai.Models.CreateAsync(id, ["warm", "cold"]);
            await (await clarifai.ModelVersions.StartTrainingAsync(id)).WaitForCompletionAsync();
        }

        var workflow = await clarifai.Workflows.CreateAsync("two-tones", [new WorkflowStep("first", "tone"), new WorkflowStep("second", "tone2")]);
        var outcomes = await clarifai.Workflows.RunAsync("two-tones", [
            ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 77)),
            ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Cold, 78)),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(workflow.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "first", "second" }));
            Assert.That(outcomes, Has.Count.EqualTo(2));
            Assert.That(outcomes.Select(o => o.IsSuccess), Is.All.True);
            Assert.That(outcomes.Select(o => o.Outputs.Length), Is.All.EqualTo(2));
            Assert.That(outcomes[0].OutputOf("tone")!.Concepts[0].Id, Is.EqualTo("warm"));
            Assert.That(outcomes[1].OutputOf("tone2")!.Concepts[0].Id, Is.EqualTo("cold"));
            Assert.That(outcomes.Select(o => o.OutputOf("tone2")!.ModelId), Is.All.EqualTo("tone2"), "each node's output by its model");
        });

        var listed = new List<string>();
        await foreach (var w in clarifai.Workflows.ListAsync(pageSize: 1)) listed.Add(w.Id);
        Assert.That(listed, Is.EqualTo(new[] { "two-tones" }));
    }

    [Test]
    public async Task AnUnknownWorkflow_IsNotFound_AndAnUntrainedNode_IsRefusedWithTheApisCode()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Models.CreateAsync("raw", ["x"]);
        await clarifai.Workflows.CreateAsync("needs-training", [new WorkflowStep("only", "raw")]);
        var image = ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 1));

        var missing = (await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Workflows.RunAsync("absent", [image])))!;
        var untrained = (await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Workflows.RunAsync("needs-training", [image])))!;
        var unknownModel = (await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Workflows.CreateAsync("broken", [new WorkflowStep("n", "no-such-model")])))!;

        Assert.Multiple(() =>
        {
            Assert.That((missing.Code, missing.Description), Is.EqualTo((StatusCode.ConnDoesNotExist, "Resource does not exist")), "as the API answers (Clarifai's SDK tests expect 11101)");
            Assert.That(untrained.Code, Is.EqualTo(StatusCode.WorkflowRequireTrainedModel));
            Assert.That(unknownModel.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
        });
    }
}
