using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>The credentials layer never writes into a message the caller owns.</summary>
[TestFixture]
public sealed class CallersRequestTests
{
    [Test]
    public async Task ARequestReusedByTwoClients_GoesToEachClientsOwnApp_AndStaysUnchanged()
    {
        var first = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelTrained));
        var second = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelTrained));
        using var clientA = TestClients.Create(first, configure: o => o.AppId = "app-a");
        using var clientB = TestClients.Create(second, configure: o => o.AppId = "app-b");
        var shared = new GetModelRequest { ModelId = "pets" };

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => i % 2 == 0
            ? clientA.GrpcClient.GetModelAsync(shared).ResponseAsync
            : clientB.GrpcClient.GetModelAsync(shared).ResponseAsync));

        Assert.Multiple(() =>
        {
            Assert.That(shared.UserAppId, Is.Null, "the caller's message is untouched");
            Assert.That(first.Calls.Select(c => ((GetModelRequest)c.Request).UserAppId.AppId).Distinct(), Is.EqualTo(new[] { "app-a" }));
            Assert.That(second.Calls.Select(c => ((GetModelRequest)c.Request).UserAppId.AppId).Distinct(), Is.EqualTo(new[] { "app-b" }));
            Assert.That(first.Calls, Has.Count.EqualTo(25));
        });
    }

    [Test]
    public async Task MessagesWrittenToARawBidirectionalStream_GetTheDefaultUserAppId_InCopies_AndKeepTheirOwn()
    {
        var sent = new List<PostModelOutputsRequest>();
        var mock = new MockV2().OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(_ => Clarifai.Grpc.Wrapper.Testing.GrpcCalls.DuplexStreaming(sent, new MultiOutputResponse()));
        using var client = TestClients.Create(mock);
        var mine = new PostModelOutputsRequest { ModelId = "llm" };
        var elsewhere = new PostModelOutputsRequest { ModelId = "llm", UserAppId = new UserAppIDSet { UserId = "clarifai", AppId = "main" } };

        using var call = client.GrpcClient.StreamModelOutputs();
        await call.RequestStream.WriteAsync(mine);
        await call.RequestStream.WriteAsync(elsewhere);
        await call.RequestStream.CompleteAsync();

        Assert.Multiple(() =>
        {
            Assert.That(sent.Select(r => (r.UserAppId.UserId, r.UserAppId.AppId)), Is.EqualTo(new[] { (TestClients.UserId, TestClients.AppId), ("clarifai", "main") }));
            Assert.That(mine.UserAppId, Is.Null, "the caller's message is untouched: a copy carries the default");
            Assert.That(sent[1], Is.SameAs(elsewhere), "a message with its own user_app_id is written as it is");
        });
    }

    [Test]
    public async Task ARequestWithItsOwnUserAppId_IsSentAsItIs()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("general", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock);
        var request = new GetModelRequest { ModelId = "general", UserAppId = new UserAppIDSet { UserId = "clarifai", AppId = "main" } };

        await client.GrpcClient.GetModelAsync(request);

        Assert.That(mock.Calls.Single().Request, Is.SameAs(request));
    }
}
