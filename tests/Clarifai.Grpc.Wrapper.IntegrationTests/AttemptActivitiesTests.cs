using System.Diagnostics;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// One activity per logical call, over real HTTP/2: Grpc.Net.Client's own activity for each attempt
/// (<c>Grpc.Net.Client.GrpcOut</c>, with HttpClient's request under it) nests under it, so a trace shows the call once
/// and its retries as its children.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AttemptActivitiesTests
{
    [Test]
    public async Task EachAttemptsGrpcActivity_NestsUnderTheOneActivityOfTheCall()
    {
        await using var server = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Port = 0, RestPort = 0, Faults = new FaultOptions { UnavailableRate = 1 } });
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities, "Grpc.Net.Client", "System.Net.Http");
        using var client = EmulatorClients.Create(server, configure: options => options.Retry = new RetrySettings { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(10) });

        await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets"));

        List<Activity> seen;
        lock (activities) seen = [.. activities];
        var call = seen.Single(a => a.Source.Name == ClarifaiDiagnostics.Name);
        var attempts = seen.Where(a => a.Source.Name == "Grpc.Net.Client" && a.TraceId == call.TraceId).ToList();
        var requests = seen.Where(a => a.Source.Name == "System.Net.Http" && a.TraceId == call.TraceId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(call.GetTagItem("clarifai.attempts"), Is.EqualTo(3));
            Assert.That(call.GetTagItem("rpc.response.status_code"), Is.EqualTo("UNAVAILABLE"));
            Assert.That(attempts, Has.Count.EqualTo(3), "one gRPC activity per attempt");
            Assert.That(attempts.Select(a => a.ParentSpanId), Is.All.EqualTo(call.SpanId), "each nested under the call");
            Assert.That(requests.Select(r => r.ParentSpanId), Is.EquivalentTo(attempts.Select(a => a.SpanId)), "each attempt's HTTP request under it");
            Assert.That(seen.Count(a => a.Source.Name == ClarifaiDiagnostics.Name), Is.EqualTo(1), "the retries are not calls of their own");
        });
    }
}
