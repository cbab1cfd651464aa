using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Operations over loopback, followed from another client by their ids.</summary>
[TestFixture]
public sealed class OperationTests : SharedEmulatorFixture
{
    [Test]
    public async Task ATrainingAndAnInputProcessing_StartedByOneClient_AreFinishedByAnother()
    {
        var app = EmulatorClients.NewAppId();
        string trainingId, processingId;
        using (var first = EmulatorClients.Create(Emulator, app))
        {
            var added = await first.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("w1").WithConcepts("warm"), EmulatorClients.Scene(ScenePalette.Cold, 2).WithId("c1").WithConcepts("cold")]);
            processingId = first.Inputs.ProcessingOperation(added.Inputs.Select(i => i.Id)).Id;
            await first.Models.CreateAsync("m", ["warm", "cold"]);
            trainingId = (await first.ModelVersions.StartTrainingAsync("m")).Id;
        }

        using var second = EmulatorClients.Create(Emulator, app);
        var inputs = await second.Inputs.ProcessingOperation(processingId).WaitForCompletionAsync();
        var version = await second.ModelVersions.TrainingOperation(trainingId).WaitForCompletionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => i.State), Is.All.EqualTo(InputState.Processed));
            Assert.That(version.State, Is.EqualTo(ModelVersionState.Trained));
            Assert.That(trainingId, Does.StartWith("m/"));
        });
    }

    [Test]
    public async Task AnInputsAddJob_CountsEveryAddMadeWithItsId_AndIsFollowedFromAnotherClient()
    {
        var app = EmulatorClients.NewAppId();
        using var first = EmulatorClients.Create(Emulator, app);
        var start = await first.Inputs.StartAddJobAsync([EmulatorClients.Scene(ScenePalette.Warm, 1), EmulatorClients.Scene(ScenePalette.Warm, 2), NewInput.FromBytes([1, 2, 3])], "nightly-import");
        await first.Inputs.StartAddJobAsync([EmulatorClients.Scene(ScenePalette.Cold, 3), EmulatorClients.Scene(ScenePalette.Cold, 4)], "nightly-import");

        using var second = EmulatorClients.Create(Emulator, app);
        var job = await second.Inputs.AddJobOperation("nightly-import").WaitForCompletionAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(start.Added.AllSucceeded, Is.True, "the bad bytes fail in processing, not at the add");
            Assert.That(start.Job.Id, Is.EqualTo("nightly-import"));
            Assert.That((job.Succeeded, job.Failed, job.Pending + job.InProgress), Is.EqualTo((4UL, 1UL, 0UL)));
            Assert.That(job.Status.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.JobCompleted));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => second.Inputs.AddJobOperation("no-such-job").UpdateStatusAsync());
        });
    }
}
