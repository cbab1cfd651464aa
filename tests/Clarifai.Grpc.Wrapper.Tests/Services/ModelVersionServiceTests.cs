using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class ModelVersionServiceTests
{
    [Test]
    public async Task TrainAsync_SendsPostModelVersions_AndReturnsTheQueuedVersion()
    {
        var mock = new MockV2().Returns<PostModelVersionsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelQueuedForTraining, "v2"));
        using var client = TestClients.Create(mock);

        var version = await client.ModelVersions.TrainAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(((PostModelVersionsRequest)mock.Calls.Single().Request).ModelId, Is.EqualTo("pets"));
            Assert.That(version.ModelId, Is.EqualTo("pets"));
            Assert.That(version.Id, Is.EqualTo("v2"));
            Assert.That(version.State, Is.EqualTo(ModelVersionState.Queued));
            Assert.That(version.Status.Code, Is.EqualTo(StatusCode.ModelQueuedForTraining));
        });
    }

    [Test]
    public async Task WaitForTrainingAsync_PollsWithGrowingDelays_UntilTrained()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2()
            .Returns<PostModelVersionsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelQueuedForTraining, "v2"))
            .Returns<GetModelVersionRequest, SingleModelVersionResponse>(
                Responses.Version("v2", StatusCode.ModelQueuedForTraining),
                Responses.Version("v2", StatusCode.ModelTraining),
                Responses.Version("v2", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock, time);

        var queued = await client.ModelVersions.TrainAsync("pets");
        var trained = await client.ModelVersions.WaitForTrainingAsync(queued);

        Assert.Multiple(() =>
        {
            Assert.That(trained.State, Is.EqualTo(ModelVersionState.Trained));
            Assert.That(mock.CountOf("GetModelVersion"), Is.EqualTo(3));
            Assert.That(mock.Calls.Where(c => c.Method == "GetModelVersion").Select(c => ((GetModelVersionRequest)c.Request).VersionId), Is.All.EqualTo("v2"));
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(130), TimeSpan.FromMilliseconds(169) }));
        });
    }

    [TestCase(StatusCode.ModelTrainingNoData)]
    [TestCase(StatusCode.ModelTrainingNoPositives)]
    [TestCase(StatusCode.ModelTrainingFailed)]
    public async Task WaitForTrainingAsync_ThrowsTrainingFailed_WithTheCode(StatusCode failure)
    {
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v2", StatusCode.ModelTraining), Responses.Version("v2", failure));
        using var client = TestClients.Create(mock);
        var queued = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v2", Status = Responses.Status(StatusCode.ModelQueuedForTraining) });

        var ex = await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(() => client.ModelVersions.WaitForTrainingAsync(queued));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(failure));
            Assert.That(ex.ModelVersion!.State, Is.EqualTo(ModelVersionState.Failed));
            Assert.That(ex.Message, Does.Contain(((int)failure).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("pets"));
        });
    }

    [Test]
    public async Task WaitForTrainingAsync_OnAnAlreadyTrainedVersion_ReturnsWithoutACall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);
        var trained = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v2", Status = Responses.Status(StatusCode.ModelTrained) });

        var result = await client.ModelVersions.WaitForTrainingAsync(trained);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.SameAs(trained));
            Assert.That(mock.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task WaitForTrainingAsync_GivesUpAfterTheTimeout_InVirtualTime()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v2", StatusCode.ModelTraining));
        using var client = TestClients.Create(mock, time);
        var queued = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v2", Status = Responses.Status(StatusCode.ModelQueuedForTraining) });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.ModelVersions.WaitForTrainingAsync(queued, TimeSpan.FromSeconds(60)));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("Training"));
            Assert.That(time.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(time.Delays.Max(), Is.EqualTo(TimeSpan.FromSeconds(10)), "delays are capped at PollingSettings.MaxDelay");
        });
    }

    [Test]
    public async Task WaitForTrainingAsync_StopsWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        var polls = 0;
        var mock = new MockV2().On<GetModelVersionRequest, SingleModelVersionResponse>(_ =>
        {
            if (++polls == 2) cts.Cancel();
            return GrpcCalls.Unary(Responses.Version("v2", StatusCode.ModelTraining));
        });
        using var client = TestClients.Create(mock);
        var queued = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v2", Status = Responses.Status(StatusCode.ModelQueuedForTraining) });

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.ModelVersions.WaitForTrainingAsync(queued, cancellationToken: cts.Token));

        Assert.That(mock.CountOf("GetModelVersion"), Is.EqualTo(2));
    }

    [Test]
    public async Task WaitForTrainingAsync_RefusesBadArguments()
    {
        using var client = TestClients.Create(new MockV2());
        var queued = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v2" });

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ModelVersions.WaitForTrainingAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ModelVersions.WaitForTrainingAsync(queued, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ModelVersions.GetAsync("pets", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ModelVersions.TrainAsync(""));
    }

    [Test]
    public async Task WaitForTrainingAsync_OnAnUntrainedVersion_FailsAtOnce_InsteadOfPollingUntilTheTimeout()
    {
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v1", StatusCode.ModelUntrained));
        var time = new InstantTimeProvider();
        using var client = TestClients.Create(mock, time);
        var untrained = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v1", Status = Responses.Status(StatusCode.ModelUntrained) });

        var e = (await Assert.ThrowsAsync<InvalidOperationException>(() => client.ModelVersions.WaitForTrainingAsync(untrained)))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("untrained"));
            Assert.That(time.Delays, Is.Empty, "no poll");
        });
    }
}
