using System.Diagnostics;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>
/// A server or proxy that echoes the key back, in every place a server can put text: the key must not reach an
/// exception (message, ToString, Details, RequestId), a status view, a log line or an activity tag.
/// </summary>
[TestFixture]
[NonParallelizable] // listens to the library's ActivitySource
public sealed class EchoedKeyTests
{
    private const string Key = TestClients.ApiKey;

    private static Clarifai.Api.Status.Status Echo(StatusCode code) =>
        new() { Code = code, Description = "bad key " + Key, Details = "Authorization: Key " + Key, ReqId = "req-" + Key };

    [Test]
    public async Task ATopLevelStatus_EchoingTheKey_IsScrubbedFromTheException_LogsAndActivity()
    {
        var logs = new ListLoggerFactory();
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(new SingleModelResponse { Status = Echo(StatusCode.ConnKeyInvalid) });
        using var client = new ClarifaiClient(TestClients.Options(), mock.Invoker.Object, logs);

        var e = (await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => client.Models.GetAsync("pets")))!;

        AssertClean(e.Message, e.ToString(), e.Details, e.Description, e.RequestId, e.Status.ToString());
        AssertClean(logs.Entries.Select(l => l.Message).ToArray());
        AssertClean(activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty).ToArray());
        Assert.That(e.Details, Does.Contain(SecretScrubber.Mask), "the rest of the text is kept");
    }

    [Test]
    public async Task AGrpcFailure_EchoingTheKey_InDetailTrailersAndDebugException_IsScrubbed()
    {
        var logs = new ListLoggerFactory();
        var trailers = new Metadata { { "x-echo", Key } };
        var status = new global::Grpc.Core.Status(GrpcStatusCode.PermissionDenied, "proxy refused Key " + Key, new InvalidOperationException("upstream said " + Key));
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(_ => throw new RpcException(status, trailers));
        using var client = new ClarifaiClient(TestClients.Options(), mock.Invoker.Object, logs);

        var e = (await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets")))!;

        var inner = (RpcException)e.InnerException!;
        AssertClean(e.Message, e.ToString(), e.Details, inner.Status.Detail, inner.Status.DebugException?.ToString() ?? string.Empty);
        AssertClean(inner.Trailers.Select(t => t.Value).ToArray());
        AssertClean(logs.Entries.Select(l => l.Message).ToArray());
        Assert.That(e.Method, Is.EqualTo("GetModel"), "transport exceptions name their RPC too");
    }

    [Test]
    public async Task TheRawClientsHeadersStatusAndTrailers_EchoingTheKey_AreScrubbed_AndHeadersAreOnlyAskedForWhenRead()
    {
        var headersAskedFor = 0;
        var echoed = new Metadata { { "x-echo", "Key " + Key } };
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(_ => new AsyncUnaryCall<SingleModelResponse>(
            Task.FromResult(new SingleModelResponse { Status = Echo(StatusCode.Success) }),
            _ =>
            {
                Interlocked.Increment(ref headersAskedFor);
                return Task.FromResult(echoed);
            },
            _ => new global::Grpc.Core.Status(GrpcStatusCode.OK, "ok for " + Key),
            _ => echoed,
            _ => { },
            new object()));
        using var client = TestClients.Create(mock);

        using var call = client.GrpcClient.GetModelAsync(new GetModelRequest { ModelId = "pets" });
        var response = await call.ResponseAsync;
        var askedBeforeReading = headersAskedFor;
        var headers = await call.ResponseHeadersAsync;
        var again = await call.ResponseHeadersAsync;

        AssertClean(response.Status.Description, response.Status.Details, response.Status.ReqId);
        AssertClean(headers.Select(h => h.Value).ToArray());
        AssertClean(call.GetStatus().Detail);
        AssertClean(call.GetTrailers().Select(h => h.Value).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(headers.Single().Value, Is.EqualTo("Key " + SecretScrubber.Mask));
            Assert.That(askedBeforeReading, Is.Zero, "a call whose headers nobody reads does not wait for them");
            Assert.That(headersAskedFor, Is.EqualTo(1), "read twice, asked for and scrubbed once");
            Assert.That(again, Is.SameAs(headers));
        });
    }

    [Test]
    public async Task AFailingResponseTask_EchoingTheKey_IsScrubbed()
    {
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(_ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.Unauthenticated, "Key " + Key));
        using var client = TestClients.Create(mock);

        var e = (await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets")))!;

        AssertClean(e.ToString());
    }

    [Test]
    public async Task APerOutputStatus_EchoingTheKey_IsScrubbedFromThePredictionException()
    {
        var response = Responses.Outputs(StatusCode.Failure, (StatusCode.PredictInvalidRequest, []));
        response.Outputs[0].Status = Echo(StatusCode.PredictInvalidRequest);
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(response);
        using var client = TestClients.Create(mock);

        var e = (await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(() => client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/a.jpg"))))!;

        AssertClean(e.ToString(), e.Details, e.RequestId);
    }

    [Test]
    public async Task AModelVersionStatus_EchoingTheKey_IsScrubbedFromTheTrainingFailure()
    {
        var version = Responses.Version("v1", StatusCode.ModelTrainingNoPositives);
        version.ModelVersion.Status = Echo(StatusCode.ModelTrainingNoPositives);
        var mock = new MockV2()
            .Returns<PostModelVersionsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelQueuedForTraining))
            .Returns<GetModelVersionRequest, SingleModelVersionResponse>(version);
        using var client = TestClients.Create(mock);

        var queued = await client.ModelVersions.TrainAsync("pets");
        var e = (await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(() => client.ModelVersions.WaitForTrainingAsync(queued)))!;

        AssertClean(e.ToString(), e.Details, e.RequestId, e.ModelVersion!.ToString(), e.ModelVersion.Proto.ToString());
    }

    [Test]
    public async Task PerInputStatuses_EchoingTheKey_AreScrubbedFromAddResultsAndUploadOutcomes()
    {
        var response = Responses.Inputs(StatusCode.MixedStatus, ("a", StatusCode.InputPending), ("b", StatusCode.InputInvalidUrl));
        response.Status = Echo(StatusCode.MixedStatus);
        response.Inputs[1].Status = Echo(StatusCode.InputInvalidUrl);
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(_ => GrpcCalls.Unary(response.Clone()));
        using var client = TestClients.Create(mock);

        var result = await client.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg").WithId("a"), NewInput.FromUrl("https://example.test/b.jpg").WithId("b")]);
        var outcomes = new List<UploadOutcome>();
        await client.Uploads.UploadAllAsync([NewInput.FromUrl("https://example.test/a.jpg").WithId("a"), NewInput.FromUrl("https://example.test/b.jpg").WithId("b")], onOutcome: outcomes.Add);

        var failed = result.Failed.Single();
        AssertClean(result.ToString(), result.Status.ToString(), failed.ToString(), failed.Status.ToString(), failed.Proto.ToString());
        AssertClean(outcomes.Select(o => o.ToString() + o.Status).ToArray());
        Assert.That(outcomes.Single(o => o.InputId == "b").Kind, Is.EqualTo(UploadOutcomeKind.Failed));
    }

    [Test]
    public async Task TheRawGrpcClient_GetsScrubbedResponsesToo()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(new SingleModelResponse { Status = Echo(StatusCode.ConnKeyInvalid) });
        using var client = TestClients.Create(mock);

        var response = await client.GrpcClient.GetModelAsync(new GetModelRequest { ModelId = "pets" });

        AssertClean(response.ToString());
    }

    private static void AssertClean(params string[] texts)
    {
        Assert.That(texts, Is.Not.Empty);
        foreach (var text in texts) Assert.That(text, Does.Not.Contain(Key));
    }
}
