using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The seed's custom-model walkthrough, end to end over HTTP/2 against the emulator.</summary>
[TestFixture]
public sealed class WalkthroughTests : SharedEmulatorFixture
{
    [Test]
    public async Task AddInputsWithConcepts_CreateModel_Train_Wait_Predict()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var inputs = Enumerable.Range(0, 10).Select(i => EmulatorClients.Scene(ScenePalette.Warm, i).WithConcepts("charlie").WithoutConcepts("our_wedding"))
            .Concat(Enumerable.Range(100, 10).Select(i => EmulatorClients.Scene(ScenePalette.Cold, i).WithConcepts("our_wedding").WithoutConcepts("charlie", "cat")))
            .ToList();

        var added = await clarifai.Inputs.AddAsync(inputs);
        var model = await clarifai.Models.CreateAsync("pets", ["charlie"]);
        var version = await clarifai.ModelVersions.TrainAsync("pets");
        var trained = await clarifai.ModelVersions.WaitForTrainingAsync(version);
        var warm = await clarifai.Predictions.PredictAsync("pets", ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 999)));
        var cold = await clarifai.Predictions.PredictAsync("pets", ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Cold, 998)));

        Assert.Multiple(() =>
        {
            Assert.That(added.AllSucceeded, Is.True);
            Assert.That(added.Inputs.Select(i => i.State), Is.All.EqualTo(InputState.Pending));
            Assert.That(added.Status.RequestId, Is.Not.Empty);
            Assert.That(model.LatestVersion!.State, Is.EqualTo(ModelVersionState.Untrained));
            Assert.That(model.LatestVersion.Status.Code, Is.EqualTo(StatusCode.ModelUntrained));
            Assert.That(version.State, Is.EqualTo(ModelVersionState.Queued));
            Assert.That(trained.State, Is.EqualTo(ModelVersionState.Trained));
            Assert.That(warm.ModelId, Is.EqualTo("pets"));
            Assert.That(warm.ModelVersionId, Is.EqualTo(version.Id));
            Assert.That(warm.Concepts.Single().Id, Is.EqualTo("charlie"));
            Assert.That(warm.Concepts[0].Value, Is.GreaterThan(0.5f));
            Assert.That(cold.Concepts[0].Value, Is.LessThan(0.5f));
        });
    }

    [Test]
    public async Task Training_MovesFromQueuedThroughTrainingToTrained()
    {
        // The server's clock is virtual: training cannot end before the test moves it, so each state is seen for sure,
        // and every wait is bounded.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var slow = await ClarifaiEmulator.StartAsync(new EmulatorOptions { TrainingDuration = TimeSpan.FromMinutes(10), TimeProvider = clock });
        using var clarifai = EmulatorClients.Create(slow);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("warm")]);
        await clarifai.Models.CreateAsync("m", ["warm"]);

        var version = await clarifai.ModelVersions.TrainAsync("m");
        var seen = new List<ModelVersionState> { version.State };
        await PollUntilAsync(ModelVersionState.Training);
        clock.Advance(TimeSpan.FromMinutes(10));
        await PollUntilAsync(ModelVersionState.Trained);

        Assert.That(seen.Distinct(), Is.EqualTo(new[] { ModelVersionState.Queued, ModelVersionState.Training, ModelVersionState.Trained }));

        async Task PollUntilAsync(ModelVersionState state)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (seen[^1] != state)
            {
                await Task.Delay(20, limit.Token);
                seen.Add((await clarifai.ModelVersions.GetAsync("m", version.Id, cancellationToken: limit.Token)).State);
            }
        }
    }

    [Test]
    public async Task HeldOutScenes_RankTheRightConceptFirst_InAtLeast90PercentOfCases()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var training = Enumerable.Range(0, 10).Select(i => EmulatorClients.Scene(ScenePalette.Warm, i).WithConcepts("warm"))
            .Concat(Enumerable.Range(0, 10).Select(i => EmulatorClients.Scene(ScenePalette.Cold, 1000 + i).WithConcepts("cold")));
        await clarifai.Inputs.AddAsync(training);
        await clarifai.Models.CreateAsync("palette", ["warm", "cold"], new CreateModelOptions { ConceptsMutuallyExclusive = true });
        await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("palette"));

        var heldOut = Enumerable.Range(500, 25).Select(i => (Palette: ScenePalette.Warm, Seed: i))
            .Concat(Enumerable.Range(1500, 25).Select(i => (Palette: ScenePalette.Cold, Seed: i)))
            .ToList();
        var predictions = await clarifai.Predictions.PredictManyAsync("palette", heldOut.Select(h => ModelInput.FromImage(ImageSource.FromBytes(SceneGenerator.Png(h.Palette, h.Seed)))));
        var right = heldOut.Zip(predictions).Count(p => p.Second.Concepts[0].Id == (p.First.Palette == ScenePalette.Warm ? "warm" : "cold"));

        TestContext.Out.WriteLine($"{right} of {heldOut.Count} held-out scenes ranked the right concept first");
        Assert.Multiple(() =>
        {
            Assert.That(right, Is.GreaterThanOrEqualTo(45), "at least 90% of 50");
            Assert.That(predictions.SelectMany(p => p.Concepts).Select(c => c.Value), Is.All.InRange(0f, 1f));
            Assert.That(predictions.All(p => p.Concepts.Length == 2 && p.Concepts[0].Value >= p.Concepts[1].Value), Is.True, "highest first");
        });
    }
}
