using Moq;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Operations;

/// <summary>Long-running jobs as operations: one poll at a time, waiting, failure, and rehydration from an id.</summary>
[TestFixture]
public sealed class ClarifaiOperationTests
{
    [Test]
    public async Task ATraining_IsFollowedPollByPoll_UntilTrained()
    {
        var mock = new MockV2()
            .Returns<PostModelVersionsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelQueuedForTraining, "v9"))
            .Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v9", StatusCode.ModelTraining), Responses.Version("v9", StatusCode.ModelTrained));
        var time = new InstantTimeProvider();
        using var client = TestClients.Create(mock, time);

        var training = await client.ModelVersions.StartTrainingAsync("pets");
        var startedDone = training.HasCompleted;
        await training.UpdateStatusAsync();
        var afterOnePoll = training.HasCompleted;
        Assert.Throws<InvalidOperationException>(() => _ = training.Value);
        var trained = await training.WaitForCompletionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(training.Id, Is.EqualTo("pets/v9"));
            Assert.That((startedDone, afterOnePoll, training.HasCompleted), Is.EqualTo((false, false, true)));
            Assert.That(trained.State, Is.EqualTo(ModelVersionState.Trained));
            Assert.That(training.Value, Is.SameAs(trained));
            Assert.That(mock.CountOf("GetModelVersion"), Is.EqualTo(2));
            Assert.That(time.Delays, Has.Count.EqualTo(1), "UpdateStatusAsync does not wait; the wait waited once");
        });
    }

    [Test]
    public async Task ATrainingStartedElsewhere_IsFollowedFromItsId()
    {
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v9", StatusCode.ModelTrainingNoPositives));
        using var client = TestClients.Create(mock);

        var training = client.ModelVersions.TrainingOperation("pets/v9");
        await training.UpdateStatusAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(((GetModelVersionRequest)mock.Calls.Single().Request).VersionId, Is.EqualTo("v9"));
            Assert.That(training.HasCompleted, Is.True);
            Assert.That(() => training.Value, Throws.InstanceOf<ClarifaiModelTrainingFailedException>().With.Property(nameof(ClarifaiException.Code)).EqualTo(StatusCode.ModelTrainingNoPositives));
            await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(() => training.WaitForCompletionAsync());
            Assert.Throws<ArgumentException>(() => client.ModelVersions.TrainingOperation("no-slash"));
            Assert.Throws<ArgumentException>(() => client.ModelVersions.TrainingOperation("a/b/c"));
        });
    }

    [Test]
    public async Task InputProcessing_IsFollowedRoundByRound_AndFromItsId()
    {
        var script = new Queue<StatusCode>([StatusCode.InputPending, StatusCode.InputSuccess]);
        var mock = new MockV2().On<ListInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Ids.Select(id => (id, script.Count > 1 ? script.Dequeue() : script.Peek())).ToArray())));
        var time = new InstantTimeProvider();
        using var client = TestClients.Create(mock, time);

        var processing = client.Inputs.ProcessingOperation(["a"]);
        await processing.UpdateStatusAsync();
        var firstRound = processing.HasCompleted;
        var again = client.Inputs.ProcessingOperation(processing.Id);
        await again.UpdateStatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(firstRound, Is.False);
            Assert.That(again.HasCompleted, Is.True);
            Assert.That(again.Value.Single().State, Is.EqualTo(InputState.Processed));
            Assert.That(time.Delays, Is.Empty, "status updates never wait");
        });
    }

    [Test]
    public async Task InputProcessing_OfAnIdTheServerDoesNotKnow_EndsNotFound()
    {
        var mock = new MockV2().On<ListInputsRequest, MultiInputResponse>(_ => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success)));
        using var client = TestClients.Create(mock);

        var processing = client.Inputs.ProcessingOperation(["ghost"]);
        await processing.UpdateStatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(processing.HasCompleted, Is.True);
            Assert.That(() => processing.Value, Throws.InstanceOf<ClarifaiNotFoundException>());
        });
    }

    [Test]
    public async Task FakeOperations_ForUsersTests_ComeCompletedOrFailed()
    {
        var versions = new Moq.Mock<ModelVersionService>();
        var trained = ClarifaiFakes.ModelVersion("pets", "v1", StatusCode.ModelTrained);
        versions.Setup(v => v.StartTrainingAsync("pets", null, default)).ReturnsAsync(ClarifaiFakes.CompletedOperation(trained, "pets/v1"));
        versions.Setup(v => v.StartTrainingAsync("broken", null, default)).ReturnsAsync(ClarifaiFakes.FailedOperation<ClarifaiModelVersion>(new ClarifaiModelTrainingFailedException(ClarifaiFakes.ModelVersion("broken", "v2", StatusCode.ModelTrainingNoData))));

        var done = await (await versions.Object.StartTrainingAsync("pets")).WaitForCompletionAsync();
        var failed = await versions.Object.StartTrainingAsync("broken");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(done, Is.SameAs(trained));
            await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(() => failed.WaitForCompletionAsync());
            Assert.That(failed.HasCompleted, Is.True);
        });
    }

    [Test]
    public async Task AnInputsAddJob_IsStartedWithItsId_AndEndsCompletedOrFailed()
    {
        static SingleInputsAddJobResponse Job(StatusCode state, ulong pending) => new()
        {
            Status = Responses.Status(StatusCode.Success),
            InputsAddJob = new InputsAddJob { Id = "j1", Status = Responses.Status(state), Progress = new InputsAddJobProgress { PendingCount = pending, SuccessCount = 2 } },
        };
        var mock = new MockV2()
            .On<PostInputsRequest, MultiInputResponse>(r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Inputs.Select(i => (i.Id, StatusCode.InputPending)).ToArray())))
            .Returns<GetInputsAddJobRequest, SingleInputsAddJobResponse>(Job(StatusCode.JobRunning, 1), Job(StatusCode.JobCompleted, 0), Job(StatusCode.JobFailed, 0));
        using var client = TestClients.Create(mock);

        var start = await client.Inputs.StartAddJobAsync([NewInput.FromUrl("https://example.test/a.jpg")], "j1");
        var done = await start.Job.WaitForCompletionAsync();
        var failed = client.Inputs.AddJobOperation("j1");
        await failed.UpdateStatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(((PostInputsRequest)mock.Calls[0].Request).InputsAddJobId, Is.EqualTo("j1"));
            Assert.That((done.Succeeded, done.Pending), Is.EqualTo((2UL, 0UL)));
            Assert.That(mock.CountOf("GetInputsAddJob"), Is.EqualTo(3));
            Assert.That(() => failed.Value, Throws.InstanceOf<ClarifaiException>().With.Property(nameof(ClarifaiException.Code)).EqualTo(StatusCode.JobFailed));
            Assert.Throws<ArgumentException>(() => client.Inputs.AddJobOperation("bad id"));
        });
    }
}
