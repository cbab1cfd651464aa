using System.Diagnostics;
using System.Diagnostics.Metrics;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Diagnostics;

/// <summary>What an OpenTelemetry user sees: an activity per logical call and the library's metrics, via in-memory listeners.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TracingAndMetricsTests
{
    [Test]
    public async Task ALogicalCall_IsOneActivity_AsTheRpcConventionsNameIt_WithClarifaisStatusRequestIdAndRetriesAsEvents()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(
            Responses.WithStatus(new SingleModelResponse(), StatusCode.ConnThrottled, details: "Key " + TestClients.ApiKey),
            Responses.Model("pets", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock);

        await client.Models.GetAsync("pets");

        var activity = activities.Single(a => a.DisplayName == "clarifai.api.V2/GetModel");
        Assert.Multiple(() =>
        {
            // OpenTelemetry's stable RPC conventions for a gRPC client span.
            Assert.That(activity.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(activity.GetTagItem("rpc.system.name"), Is.EqualTo("grpc"));
            Assert.That(activity.GetTagItem("rpc.method"), Is.EqualTo("clarifai.api.V2/GetModel"));
            Assert.That(activity.GetTagItem("rpc.response.status_code"), Is.EqualTo("OK"));
            Assert.That(activity.GetTagItem("server.address"), Is.EqualTo("api.clarifai.com"));
            Assert.That(activity.GetTagItem("server.port"), Is.EqualTo(443));
            Assert.That(activity.GetTagItem("error.type"), Is.Null);
            Assert.That(activity.GetTagItem("clarifai.status_code"), Is.EqualTo(10000));
            Assert.That(activity.GetTagItem("clarifai.req_id"), Is.EqualTo("req-test"));
            Assert.That(activity.GetTagItem("clarifai.attempts"), Is.EqualTo(2));
            Assert.That(activity.Events.Select(e => e.Name), Is.EqualTo(new[] { "retry" }));
            Assert.That(activity.Events.Single().Tags.Single(t => t.Key == "reason").Value, Is.EqualTo("11005 CONN_THROTTLED"));
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(activity.TagObjects.Select(t => t.Value?.ToString()).Concat(activity.Events.SelectMany(e => e.Tags).Select(t => t.Value?.ToString())), Has.None.Contains(TestClients.ApiKey));
        });
    }

    [Test]
    public async Task AFailedCall_MarksItsActivityAsAnError()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.WithStatus(new SingleModelResponse(), StatusCode.ModelDoesNotExist));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => client.Models.GetAsync("nope"));

        var activity = activities.Single(a => a.DisplayName == "clarifai.api.V2/GetModel");
        Assert.Multiple(() =>
        {
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(activity.GetTagItem("clarifai.status_code"), Is.EqualTo(21200));
            Assert.That(activity.GetTagItem("rpc.response.status_code"), Is.EqualTo("OK"), "Clarifai answered, over gRPC OK");
            Assert.That(activity.GetTagItem("error.type"), Is.EqualTo("21200 MODEL_DOES_NOT_EXIST"));
        });
    }

    [Test]
    public async Task ATransportFailure_IsTheGrpcStatusByItsCanonicalName()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(_ => throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.DeadlineExceeded, "slow")));
        using var client = TestClients.Create(mock, retry: RetrySettings.None);

        await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets"));

        var activity = activities.Single(a => a.DisplayName == "clarifai.api.V2/GetModel");
        Assert.Multiple(() =>
        {
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(activity.GetTagItem("rpc.response.status_code"), Is.EqualTo("DEADLINE_EXCEEDED"));
            Assert.That(activity.GetTagItem("error.type"), Is.EqualTo("gRPC DeadlineExceeded"));
        });
    }


    [Test]
    public async Task Metrics_CountCallsFailuresByCodeRetriesAndUploadedInputs()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClarifaiDiagnostics.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (measurements) measurements.Add((instrument.Name, value, copy));
        }

        var store = new FakeInputStore();
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(
                Responses.WithStatus(new SingleModelResponse(), StatusCode.ConnThrottled),
                Responses.Model("pets", StatusCode.ModelTrained),
                Responses.WithStatus(new SingleModelResponse(), StatusCode.ModelDoesNotExist))
            .On<PostInputsRequest, MultiInputResponse>(store.Answer);
        using var client = TestClients.Create(mock);

        await client.Models.GetAsync("pets");
        await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => client.Models.GetAsync("gone"));
        await client.Uploads.UploadAllAsync(Enumerable.Range(0, 3).Select(i => NewInput.FromBytes([1, 2, (byte)i])).ToAsyncEnumerable());

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements) seen = measurements.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen.Count(m => m.Instrument == "clarifai.client.calls" && Equals(m.Tags["rpc.method"], "clarifai.api.V2/GetModel")), Is.EqualTo(2));
            Assert.That(seen.Where(m => m.Instrument == "clarifai.client.failures").Select(m => m.Tags["clarifai.status_code"]), Is.EqualTo(new object[] { 21200 }));
            Assert.That(seen.Count(m => m.Instrument == "clarifai.client.retries"), Is.EqualTo(1));
            Assert.That(seen.Count(m => m.Instrument == "clarifai.client.call.duration" && Equals(m.Tags["rpc.method"], "clarifai.api.V2/GetModel")), Is.EqualTo(2));
            var rpcDurations = seen.Where(m => m.Instrument == "rpc.client.call.duration" && Equals(m.Tags["rpc.method"], "clarifai.api.V2/GetModel")).ToList();
            Assert.That(rpcDurations.Select(m => (m.Tags["rpc.system.name"], m.Tags["rpc.response.status_code"], m.Tags["server.address"], m.Tags["server.port"])),
                Is.EqualTo(new[] { ((object?)"grpc", (object?)"OK", (object?)"api.clarifai.com", (object?)443), ("grpc", "OK", "api.clarifai.com", 443) }));
            Assert.That(rpcDurations.Select(m => m.Tags.GetValueOrDefault("error.type")), Is.EqualTo(new object?[] { null, "21200 MODEL_DOES_NOT_EXIST" }));
            Assert.That(seen.Where(m => m.Instrument == "clarifai.client.upload.inputs").Sum(m => m.Value), Is.EqualTo(3));
            Assert.That(seen.Where(m => m.Instrument == "clarifai.client.upload.bytes").Sum(m => m.Value), Is.EqualTo(9));
        });
    }
}
