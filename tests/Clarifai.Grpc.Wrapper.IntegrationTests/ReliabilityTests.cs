using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Cancellation, a server that goes away, injected faults, and several emulators side by side.</summary>
[TestFixture]
public sealed class ReliabilityTests
{
    [Test]
    public async Task WaitingForTraining_StopsWhenCancelled()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { TrainingDuration = TimeSpan.FromMinutes(5) });
        using var clarifai = EmulatorClients.Create(emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("warm")]);
        await clarifai.Models.CreateAsync("m", ["warm"]);
        var version = await clarifai.ModelVersions.TrainAsync("m");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => clarifai.ModelVersions.WaitForTrainingAsync(version, cancellationToken: cts.Token));

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task AServerThatStopsMidCall_SurfacesAsATransportException()
    {
        var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { Latency = TimeSpan.FromSeconds(30) } });
        using var clarifai = EmulatorClients.Create(emulator, configure: o => o.Retry = RetrySettings.None);

        var call = clarifai.Models.GetAsync("pets");
        await Task.Delay(300);
        await emulator.DisposeAsync();

        var ex = await Assert.ThrowsAsync<ClarifaiTransportException>(() => call);
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(ex.GrpcStatusCode, Is.AnyOf(global::Grpc.Core.StatusCode.Unavailable, global::Grpc.Core.StatusCode.Internal, global::Grpc.Core.StatusCode.Cancelled));
    }

    [Test]
    public async Task InjectedThrottlingAndUnavailability_AreRetriedThrough()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { UnavailableRate = 0.3, ThrottleRate = 0.3, Seed = 7 } });
        using var clarifai = EmulatorClients.Create(emulator, configure: o => o.Retry = o.Retry with { MaxAttempts = 20 });
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("a").WithConcepts("warm")]);

        for (var i = 0; i < 20; i++) Assert.That((await clarifai.Inputs.GetAsync("a")).Id, Is.EqualTo("a"));
    }

    [Test]
    public async Task AlwaysUnavailable_FailsAfterTheAttempts_AndAlwaysThrottled_ThrowsThrottled()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { UnavailableRate = 1 } });
        using var clarifai = EmulatorClients.Create(emulator);

        var unavailable = await Assert.ThrowsAsync<ClarifaiTransportException>(() => clarifai.Models.GetAsync("pets"));
        emulator.Faults = new FaultOptions { ThrottleRate = 1 };
        var throttled = await Assert.ThrowsAsync<ClarifaiThrottledException>(() => clarifai.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(unavailable!.Message, Does.Contain("5 attempt"));
            Assert.That(throttled!.Code, Is.EqualTo(StatusCode.ConnThrottled));
        });
    }

    [Test]
    public async Task InputFailures_AreDeterministicUnderASeed()
    {
        async Task<bool[]> RunAsync()
        {
            await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { InputFailureRate = 0.3, Seed = 1234 } });
            using var clarifai = EmulatorClients.Create(emulator);
            var result = await clarifai.Inputs.AddAsync(Enumerable.Range(0, 40).Select(i => NewInput.FromUrl($"http://127.0.0.1:9/{i}.png")));
            return result.Inputs.Select(i => i.IsFailed).ToArray();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first.Count(f => f), Is.InRange(4, 24), "about 30% of 40");
        });
    }

    [Test]
    public async Task ARequestsPerSecondCap_ThrottlesTheExcess()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { MaxRequestsPerSecond = 3 } });
        using var clarifai = EmulatorClients.Create(emulator, configure: o => o.Retry = RetrySettings.None);
        await clarifai.Models.CreateAsync("m", ["x"]);

        var outcomes = new List<bool>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await clarifai.Models.GetAsync("m");
                outcomes.Add(true);
            }
            catch (ClarifaiThrottledException)
            {
                outcomes.Add(false);
            }
        }

        Assert.That(outcomes.Count(ok => !ok), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task SeveralEmulators_RunSideBySide_WithSeparateState()
    {
        await using var one = await ClarifaiEmulator.StartAsync();
        await using var two = await ClarifaiEmulator.StartAsync();
        using var a = EmulatorClients.Create(one, "shared-app");
        using var b = EmulatorClients.Create(two, "shared-app");

        await a.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("x")]);

        Assert.Multiple(() =>
        {
            Assert.That(one.Endpoint, Is.Not.EqualTo(two.Endpoint));
            Assert.That(one.CountInputs(EmulatorClients.UserId, "shared-app"), Is.EqualTo(1));
            Assert.That(two.CountInputs(EmulatorClients.UserId, "shared-app"), Is.EqualTo(0));
        });
        await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => b.Inputs.GetAsync("x"));
    }
}
