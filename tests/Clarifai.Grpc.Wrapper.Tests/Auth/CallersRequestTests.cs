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
    public async Task ARequestWithItsOwnUserAppId_IsSentAsItIs()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("general", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock);
        var request = new GetModelRequest { ModelId = "general", UserAppId = new UserAppIDSet { UserId = "clarifai", AppId = "main" } };

        await client.GrpcClient.GetModelAsync(request);

        Assert.That(mock.Calls.Single().Request, Is.SameAs(request));
    }
}
