using Clarifai.Grpc.Emulator;
using Microsoft.Extensions.Time.Testing;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The local server keeps time by its <see cref="EmulatorOptions.TimeProvider"/>, so a test drives it: an hour of training passes when the test says so.</summary>
[TestFixture]
public sealed class ServerClockTests
{
    /// <summary>Short in real time, so that a server on the real clock would have finished while the test waits.</summary>
    private static readonly TimeSpan TrainingDuration = TimeSpan.FromMilliseconds(100);

    [Test]
    public async Task TrainingAndTimestamps_FollowTheServersClock()
    {
        var start = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, TrainingDuration = TrainingDuration });
        using var clarifai = EmulatorClients.Create(emulator);

        var added = await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("warm"), EmulatorClients.Scene(ScenePalette.Cold, 2).WithoutConcepts("warm")]);
        await clarifai.Inputs.WaitForProcessingAsync(added.Inputs.Select(i => i.Id));
        await clarifai.Models.CreateAsync("clock", ["warm"]);
        var version = await clarifai.ModelVersions.TrainAsync("clock");

        var duringTraining = await PollUntilAsync(clarifai, version.Id, StatusCode.ModelTraining);

        // Ten trainings' worth of real time passes, measured (on the real clock this training would be long over); the
        // server's clock does not move, so it is still training.
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (real.Elapsed < TrainingDuration * 10) await Task.Delay(TrainingDuration);
        var stillTraining = await clarifai.ModelVersions.GetAsync("clock", version.Id);
        clock.Advance(TrainingDuration);
        var trained = await PollUntilAsync(clarifai, version.Id, StatusCode.ModelTrained);

        Assert.Multiple(() =>
        {
            Assert.That(added.Inputs[0].Proto.CreatedAt.ToDateTimeOffset(), Is.EqualTo(start));
            Assert.That(duringTraining.State, Is.EqualTo(ModelVersionState.Training));
            Assert.That(stillTraining.State, Is.EqualTo(ModelVersionState.Training), "ten trainings of real time do not move the server's clock");
            Assert.That(trained.State, Is.EqualTo(ModelVersionState.Trained));
            Assert.That(trained.Proto.CompletedAt.ToDateTimeOffset(), Is.EqualTo(start + TrainingDuration));
        });
    }

    private static async Task<ClarifaiModelVersion> PollUntilAsync(ClarifaiClient clarifai, string versionId, StatusCode code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var version = await clarifai.ModelVersions.GetAsync("clock", versionId, cancellationToken: timeout.Token);
            if (version.Status.Code == code) return version;
            await Task.Delay(20, timeout.Token);
        }
    }
}
