using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>The authorization header and <c>user_app_id</c> reach every RPC, whichever way it is called.</summary>
[TestFixture]
public sealed class AuthenticationTests
{
    private static MockV2 AllServiceRpcs() => new MockV2()
        .Returns<PostInputsRequest, MultiInputResponse>(Responses.Inputs(StatusCode.Success, ("in-1", StatusCode.InputPending)))
        .Returns<GetInputRequest, SingleInputResponse>(Responses.Input("in-1", StatusCode.InputSuccess))
        .Returns<PostModelsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelUntrained))
        .Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelUntrained))
        .Returns<PostModelVersionsRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelQueuedForTraining))
        .Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v1", StatusCode.ModelTrained))
        .Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("charlie", 0.9f)])));

    [Test]
    public async Task EveryServiceRpc_CarriesTheKeyHeader_AndTheDefaultUserAppId()
    {
        var mock = AllServiceRpcs();
        using var client = TestClients.Create(mock);

        await client.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg").WithConcepts("charlie")]);
        await client.Inputs.GetAsync("in-1");
        await client.Models.CreateAsync("pets", ["charlie"]);
        await client.Models.GetAsync("pets");
        await client.ModelVersions.TrainAsync("pets");
        await client.ModelVersions.GetAsync("pets", "v1");
        await client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/b.jpg"));

        var calls = mock.Calls;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Method), Is.EqualTo(new[] { "PostInputs", "GetInput", "PostModels", "GetModel", "PostModelVersions", "GetModelVersion", "PostModelOutputs" }));
            foreach (var call in calls)
            {
                Assert.That(call.Header("authorization"), Is.EqualTo("Key " + TestClients.ApiKey), call.Method);
                var userAppId = (UserAppIDSet)((Google.Protobuf.IMessage)call.Request).Descriptor.FindFieldByName("user_app_id").Accessor.GetValue((Google.Protobuf.IMessage)call.Request);
                Assert.That(userAppId?.UserId, Is.EqualTo(TestClients.UserId), call.Method);
                Assert.That(userAppId?.AppId, Is.EqualTo(TestClients.AppId), call.Method);
            }
        });
    }

    [Test]
    public async Task TheRawGrpcClient_CarriesTheKeyHeader_AndTheDefaultUserAppId_ForAnyRpc()
    {
        var mock = new MockV2().Returns<ListConceptsRequest, MultiConceptResponse>(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) });
        using var client = TestClients.Create(mock);
        var request = new ListConceptsRequest { PerPage = 5 };

        await client.GrpcClient.ListConceptsAsync(request);

        var call = mock.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Method, Is.EqualTo("ListConcepts"));
            Assert.That(call.Header("authorization"), Is.EqualTo("Key " + TestClients.ApiKey));
            Assert.That(((ListConceptsRequest)call.Request).UserAppId.AppId, Is.EqualTo(TestClients.AppId));
        });
    }

    [Test]
    public async Task AUserAppIdOnTheRequest_IsKept()
    {
        var mock = new MockV2().Returns<ListConceptsRequest, MultiConceptResponse>(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) });
        using var client = TestClients.Create(mock);

        await client.GrpcClient.ListConceptsAsync(new ListConceptsRequest { UserAppId = new UserAppIDSet { UserId = "other", AppId = "other-app" } });

        Assert.That(((ListConceptsRequest)mock.Calls.Single().Request).UserAppId.AppId, Is.EqualTo("other-app"));
    }

    [Test]
    public async Task WithAnAppScopedKey_NoUserAppIdIsAdded()
    {
        var mock = new MockV2().Returns<ListConceptsRequest, MultiConceptResponse>(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) });
        using var client = TestClients.Create(mock, configure: o => { o.UserId = null; o.AppId = null; });

        await client.GrpcClient.ListConceptsAsync(new ListConceptsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(((ListConceptsRequest)mock.Calls.Single().Request).UserAppId, Is.Null);
            Assert.That(mock.Calls.Single().Header("authorization"), Is.EqualTo("Key " + TestClients.ApiKey));
        });
    }

    [Test]
    public async Task TheCallersHeaders_AreKeptButNotModified_AndTheirAuthorizationIsReplaced()
    {
        var mock = new MockV2().Returns<ListConceptsRequest, MultiConceptResponse>(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) });
        using var client = TestClients.Create(mock);
        var headers = new Metadata { { "x-trace", "abc" }, { "authorization", "Key someone-else" } };

        await client.GrpcClient.ListConceptsAsync(new ListConceptsRequest(), headers);

        var sent = mock.Calls.Single().Options.Headers!;
        Assert.Multiple(() =>
        {
            Assert.That(sent.GetValue("x-trace"), Is.EqualTo("abc"));
            Assert.That(sent.GetAll("authorization").Select(e => e.Value), Is.EqualTo(new[] { "Key " + TestClients.ApiKey }));
            Assert.That(headers, Has.Count.EqualTo(2), "the caller's metadata is not modified");
            Assert.That(headers.GetValue("authorization"), Is.EqualTo("Key someone-else"));
        });
    }

    [Test]
    public void TheOptionsAndTheClient_ShowWhatTheyHold_ButNeverTheKey()
    {
        var options = new ClarifaiClientOptions { ApiKey = "secret-key-1", UserId = "someone", AppId = "photos", Endpoint = new Uri("https://api.example.test") };
        using var client = new ClarifaiClient(options, new Moq.Mock<global::Grpc.Core.CallInvoker>().Object);

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Contain("someone").And.Contain("photos").And.Contain("ApiKey = ***").And.Not.Contain("secret-key-1"));
            Assert.That(new ClarifaiClientOptions { UserId = "u" }.ToString(), Does.Contain("ApiKey = (none)"), "the mask says whether there is a key");
            Assert.That(client.Options.ToString(), Does.Not.Contain("secret-key-1"));
            Assert.That(client.ToString(), Does.Contain("api.example.test").And.Not.Contain("secret-key-1"));
        });
    }
}
