using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The streaming uploader against the emulator with injected faults: every input accounted for, nothing added twice.</summary>
[TestFixture]
public sealed class UploadTests
{
    private const int Count = 10_000;

    private static readonly UploadOptions FastRetries = new()
    {
        Retry = new RetrySettings { MaxAttempts = 10, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(100) },
    };

    private static async IAsyncEnumerable<NewInput> Generate(int count, int size)
    {
        var random = new Random(5);
        for (var i = 0; i < count; i++)
        {
            var content = new byte[size];
            random.NextBytes(content);
            yield return NewInput.FromBytes(Google.Protobuf.UnsafeByteOperations.UnsafeWrap(content));
            if (i % 512 == 0) await Task.Yield();
        }
    }

    [Test]
    public async Task TenThousandInputs_Under20PercentUnavailable10PercentThrottling5PercentInputFailures_AreEachAccountedForOnce()
    {
        var faults = new FaultOptions { UnavailableRate = 0.20, ThrottleRate = 0.10, InputFailureRate = 0.05, Seed = 2026 };
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = faults });
        var appId = EmulatorClients.NewAppId();
        using var clarifai = EmulatorClients.Create(emulator, appId);
        var outcomes = new List<UploadOutcome>();

        var summary = await clarifai.Uploads.UploadAllAsync(Generate(Count, 10 * 1024), FastRetries, onOutcome: outcomes.Add);

        var succeeded = outcomes.Where(o => o.Succeeded).Select(o => o.InputId).ToHashSet();
        var onServer = emulator.InputIds(EmulatorClients.UserId, appId);
        TestContext.Out.WriteLine(summary.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(Count), "one outcome per input");
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(Count), "no input reported twice");
            Assert.That(summary.Total, Is.EqualTo(Count));
            Assert.That(summary.Succeeded + summary.Failed, Is.EqualTo(Count), "nothing unknown: these faults all happen before any work");
            Assert.That(outcomes.Where(o => o.Kind == UploadOutcomeKind.Failed).Select(o => o.Status.Code), Is.All.EqualTo(StatusCode.InputFailed), "failures carry their reason");
            Assert.That(summary.Failed, Is.InRange(Count * 0.03, Count * 0.07), "about 5% injected input failures");
            Assert.That(summary.Retried, Is.GreaterThan(0));
            Assert.That(onServer, Has.Count.EqualTo(onServer.Distinct().Count()), "no duplicates on the server");
            Assert.That(onServer.Count, Is.EqualTo(summary.Succeeded), "the server's input count equals the client's success count");
            Assert.That(onServer, Is.EquivalentTo(succeeded));
        });
    }

    [Test]
    public async Task LostAnswers_AreRetriedWithoutCreatingDuplicates()
    {
        var faults = new FaultOptions { LostResponseRate = 0.25, UnavailableRate = 0.1, Seed = 99 };
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = faults });
        var appId = EmulatorClients.NewAppId();
        using var clarifai = EmulatorClients.Create(emulator, appId);
        var outcomes = new List<UploadOutcome>();

        var summary = await clarifai.Uploads.UploadAllAsync(Generate(2_000, 1024), FastRetries, onOutcome: outcomes.Add);

        var onServer = emulator.InputIds(EmulatorClients.UserId, appId);
        var succeeded = outcomes.Where(o => o.Succeeded).Select(o => o.InputId).ToHashSet();
        TestContext.Out.WriteLine(summary.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(2_000));
            Assert.That(summary.Deduplicated, Is.GreaterThan(0), "some answers were lost after the inputs were stored");
            Assert.That(onServer, Has.Count.EqualTo(onServer.Distinct().Count()), "no duplicates on the server");
            Assert.That(succeeded.IsSubsetOf(onServer), Is.True, "every success is on the server");
            Assert.That(onServer.Where(id => !succeeded.Contains(id)), Is.SubsetOf(summary.UnknownInputIds), "anything else on the server was reported as unknown");
        });
    }

    [Test]
    public async Task WaitForProcessing_ReportsUndecodableInputsAsFailed()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync();
        using var clarifai = EmulatorClients.Create(emulator);
        NewInput[] inputs = [EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("scene"), NewInput.FromBytes("garbage"u8).WithId("garbage")];
        var outcomes = new List<UploadOutcome>();

        await clarifai.Uploads.UploadAllAsync(ToAsync(inputs), new UploadOptions { WaitForProcessing = true }, onOutcome: outcomes.Add);

        var byId = outcomes.ToDictionary(o => o.InputId);
        Assert.Multiple(() =>
        {
            Assert.That(byId["scene"].Kind, Is.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(byId["scene"].Status.Code, Is.EqualTo(StatusCode.InputSuccess));
            Assert.That(byId["garbage"].Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(byId["garbage"].Status.Code, Is.EqualTo(StatusCode.InputFailed));
        });
    }

    private static async IAsyncEnumerable<NewInput> ToAsync(IEnumerable<NewInput> inputs)
    {
        foreach (var input in inputs) yield return input;
        await Task.CompletedTask;
    }
}
