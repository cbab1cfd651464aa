using System.Collections.Immutable;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Pipeline;

/// <summary>Per-call settings, layer by layer: each overrides the client's default for one call only.</summary>
[TestFixture]
public sealed class CallSettingsTests
{
    private static MockV2 Models(params Func<GetModelRequest, global::Grpc.Core.AsyncUnaryCall<SingleModelResponse>>[] answers) =>
        new MockV2().On(answers.Length > 0 ? answers : [_ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained))]);

    [Test]
    public async Task Timeout_SetsThisCallsDeadline_Only()
    {
        var time = new InstantTimeProvider();
        var mock = Models();
        using var client = TestClients.Create(mock, time, configure: o => o.Timeout = TimeSpan.FromSeconds(60));
        var now = time.GetUtcNow().UtcDateTime;

        await client.Models.GetAsync("pets", new CallSettings { Timeout = TimeSpan.FromSeconds(2) });
        await client.Models.GetAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls[0].Options.Deadline, Is.EqualTo(now.AddSeconds(2)));
            Assert.That(mock.Calls[1].Options.Deadline, Is.EqualTo(now.AddSeconds(60)));
        });
    }

    [Test]
    public async Task Retry_OverridesTheClientsPolicy_ForThisCall()
    {
        var mock = Models(_ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.Unavailable), _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained)));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets", new CallSettings { Retry = RetrySettings.None }));
        var retried = await client.Models.GetAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(2), "once with no retries; then the scripted success at once");
            Assert.That(retried.Id, Is.EqualTo("pets"));
        });
    }

    [Test]
    public async Task Headers_AreSentWithTheKey()
    {
        var mock = Models();
        using var client = TestClients.Create(mock);

        await client.Models.GetAsync("pets", new CallSettings { Headers = ImmutableDictionary<string, string>.Empty.Add("x-request-source", "nightly") });

        var headers = mock.Calls.Single().Options.Headers!;
        Assert.Multiple(() =>
        {
            Assert.That(headers.GetValue("x-request-source"), Is.EqualTo("nightly"));
            Assert.That(headers.GetValue("authorization"), Is.EqualTo("Key " + TestClients.ApiKey));
        });
    }

    [Test]
    public async Task UserAndApp_AddressAnotherApp_ForThisCall()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("dog", 0.9f)])));
        using var client = TestClients.Create(mock);

        await client.Predictions.PredictAsync("general-image-recognition", ImageSource.FromUrl("https://example.test/a.jpg"), null, CallSettings.ForApp("clarifai", "main"));
        await client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/a.jpg"));

        var apps = mock.Calls.Select(c => ((PostModelOutputsRequest)c.Request).UserAppId).Select(u => (u.UserId, u.AppId)).ToList();
        Assert.That(apps, Is.EqualTo(new[] { ("clarifai", "main"), (TestClients.UserId, TestClients.AppId) }));
    }

    [Test]
    public async Task WaitingForTraining_UsesTheSettings_OnEveryPoll()
    {
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v1", StatusCode.ModelTraining), Responses.Version("v1", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock);
        var queued = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v1", Status = Responses.Status(StatusCode.ModelQueuedForTraining) });

        await client.ModelVersions.WaitForTrainingAsync(queued, null, CallSettings.ForApp("u2", "a2"));

        Assert.That(mock.Calls.Select(c => ((GetModelVersionRequest)c.Request).UserAppId.AppId), Is.EqualTo(new[] { "a2", "a2" }));
    }

    [Test]
    public void MergedWith_LetsTheOtherWin_AndCombinesHeaders()
    {
        var client = new CallSettings { Timeout = TimeSpan.FromSeconds(30), Headers = ImmutableDictionary<string, string>.Empty.Add("a", "1").Add("b", "1"), UserId = "u", AppId = "x" };
        var call = new CallSettings { Retry = RetrySettings.None, Headers = ImmutableDictionary<string, string>.Empty.Add("b", "2") };

        var merged = client.MergedWith(call);

        Assert.Multiple(() =>
        {
            Assert.That(merged.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(merged.Retry!.MaxAttempts, Is.EqualTo(1));
            Assert.That(merged.Headers, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
            Assert.That((merged.UserId, merged.AppId), Is.EqualTo(("u", "x")));
            Assert.That(client.MergedWith(CallSettings.ForApp("v", "y")).AppId, Is.EqualTo("y"));
            Assert.That(client.MergedWith(null), Is.SameAs(client));
        });
    }

    [Test]
    public async Task BadSettings_AreRefused_BeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        await Assert.MultipleAsync(async () =>
        {
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync("pets", new CallSettings { Headers = ImmutableDictionary<string, string>.Empty.Add("authorization", "Key other") }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync("pets", new CallSettings { Headers = ImmutableDictionary<string, string>.Empty.Add("x-ok", "line\r\nbreak") }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync("pets", new CallSettings { Headers = ImmutableDictionary<string, string>.Empty.Add("Bad Name", "v") }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync("pets", new CallSettings { UserId = "only-user" }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Models.GetAsync("pets", new CallSettings { Timeout = TimeSpan.MaxValue }));
            Assert.Throws<ArgumentException>(() => CallSettings.ForApp("a b", "x"));
        });
        await Task.CompletedTask;
        Assert.That(mock.Calls, Is.Empty);
    }

    [Test]
    public async Task AnUpload_SendsEveryRequestToTheAppItsSettingsName()
    {
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer);
        using var client = TestClients.Create(mock);

        var summary = await client.Uploads.UploadAllAsync(
            Enumerable.Range(0, 30).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1))),
            new UploadOptions { BatchSize = 10, CallSettings = CallSettings.ForApp("team", "photos") });

        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.EqualTo(30));
            Assert.That(mock.Calls.Select(c => ((PostInputsRequest)c.Request).UserAppId.AppId), Is.EqualTo(new[] { "photos", "photos", "photos" }));
        });
    }
}
