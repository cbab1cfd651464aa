using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Engine;

/// <summary>
/// <c>user_app_id</c> is defaulted in one place (the credentials layer) for every request message of every call kind —
/// the client's user and app, or the call's (<see cref="CallSettings"/>) — and a caller's message is never modified.
/// Every request that reached the transport is checked, the stream writes included.
/// </summary>
[TestFixture]
public sealed class UserAppIdOnEveryCallKindTests
{
    private static readonly UserAppIDSet ClientApp = new() { UserId = TestClients.UserId, AppId = TestClients.AppId };
    private static readonly UserAppIDSet CallApp = new() { UserId = "call-user", AppId = "call-app" };
    private static readonly CallSettings CallAppSettings = new() { UserId = CallApp.UserId, AppId = CallApp.AppId };

    public enum Kind
    {
        Unary,
        ServerStream,
        DuplexStream,
        RawUnary,
        RawServerStream,
        RawDuplexStream,
        UploadBatch,
    }

    private static MultiOutputResponse Answer() => new()
    {
        Status = ClarifaiFakes.Status(StatusCode.Success),
        Outputs = { new Output { Status = ClarifaiFakes.Status(StatusCode.Success), Data = new Data { Text = new Text { Raw = "answer" } } } },
    };

    /// <summary>A mock that answers every call kind and records every request message that reached it.</summary>
    private static (MockV2 Mock, List<UserAppIDSet?> Sent) Recording()
    {
        var sent = new List<UserAppIDSet?>();
        var written = new ListRecorder(sent);
        var mock = new MockV2()
            .On<PostModelOutputsRequest, MultiOutputResponse>(r =>
            {
                lock (sent) sent.Add(r.UserAppId);
                return GrpcCalls.Unary(Answer());
            })
            .OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((r, _) =>
            {
                lock (sent) sent.Add(r.UserAppId);
                return GrpcCalls.ServerStreaming(Answer());
            })
            .OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(_ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(_ => [Answer()], written))
            .On<PostInputsRequest, MultiInputResponse>(r =>
            {
                lock (sent) sent.Add(r.UserAppId);
                return new FakeInputStore().Answer(r);
            });
        return (mock, sent);
    }

    /// <summary>Records the <c>user_app_id</c> of each message written to a stream, as the transport received it.</summary>
    private sealed class ListRecorder(List<UserAppIDSet?> sent) : List<PostModelOutputsRequest>, IList<PostModelOutputsRequest>
    {
        void ICollection<PostModelOutputsRequest>.Add(PostModelOutputsRequest item)
        {
            lock (sent) sent.Add(item.UserAppId);
            Add(item);
        }
    }

    /// <summary>Runs one call of <paramref name="kind"/>; returns the caller's own request messages, to check they stayed unchanged.</summary>
    private static async Task<IReadOnlyList<PostModelOutputsRequest>> RunAsync(ClarifaiClient client, Kind kind, CallSettings? settings)
    {
        var own = new List<PostModelOutputsRequest>();
        PostModelOutputsRequest Own()
        {
            var request = new PostModelOutputsRequest { ModelId = "llm" };
            own.Add(request);
            return request;
        }

        switch (kind)
        {
            case Kind.Unary:
                await client.Predictions.PredictAsync("llm", ModelInput.FromText("hi"), options: null, callSettings: settings);
                break;
            case Kind.ServerStream:
                await foreach (var _ in client.Predictions.GenerateAsync("llm", ModelInput.FromText("hi"), callSettings: settings))
                {
                }

                break;
            case Kind.DuplexStream:
                await foreach (var _ in client.Predictions.StreamAsync("llm", Two(), callSettings: settings))
                {
                }

                break;
            case Kind.RawUnary:
                await client.Api.PostModelOutputsAsync(Own());
                break;
            case Kind.RawServerStream:
                using (var call = client.Api.GenerateModelOutputs(Own()))
                {
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }
                }

                break;
            case Kind.RawDuplexStream:
                using (var call = client.Api.StreamModelOutputs())
                {
                    await call.RequestStream.WriteAsync(Own());
                    await call.RequestStream.WriteAsync(Own());
                    await call.RequestStream.CompleteAsync();
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }
                }

                break;
            case Kind.UploadBatch:
                var summary = await client.Uploads.UploadAllAsync([NewInput.FromText("hi").WithId("in-1"), NewInput.FromText("ho").WithId("in-2")]);
                Assert.That(summary.Succeeded, Is.EqualTo(2));
                break;
        }

        return own;
    }

    private static async IAsyncEnumerable<ModelInput> Two()
    {
        await Task.Yield();
        yield return ModelInput.FromText("hi");
        yield return ModelInput.FromText("ho");
    }

    [TestCase(Kind.Unary)]
    [TestCase(Kind.ServerStream)]
    [TestCase(Kind.DuplexStream)]
    [TestCase(Kind.RawUnary)]
    [TestCase(Kind.RawServerStream)]
    [TestCase(Kind.RawDuplexStream)]
    [TestCase(Kind.UploadBatch)]
    public async Task EveryRequestOfEveryCallKind_GetsTheClientsApp_AndTheCallersMessagesStayUnchanged(Kind kind)
    {
        var (mock, sent) = Recording();
        using var client = TestClients.Create(mock);

        var own = await RunAsync(client, kind, settings: null);

        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.Not.Empty, "requests reached the transport");
            Assert.That(sent, Has.All.EqualTo(ClientApp), "every request message, stream writes included, carries the client's user and app");
            Assert.That(own.Select(r => r.UserAppId), Has.All.Null, "the caller's own messages are not modified (the default went into copies)");
        });
    }

    [TestCase(Kind.Unary)]
    [TestCase(Kind.ServerStream)]
    [TestCase(Kind.DuplexStream)]
    public async Task EveryRequestOfACallWithItsOwnApp_GetsTheCallsApp(Kind kind)
    {
        var (mock, sent) = Recording();
        using var client = TestClients.Create(mock);

        await RunAsync(client, kind, CallAppSettings);

        Assert.That(sent, Is.Not.Empty.And.All.EqualTo(CallApp), "every request message of the call carries the call's user and app");
    }

    [Test]
    public async Task ARawStreamMessageWithItsOwnApp_KeepsIt()
    {
        var (mock, sent) = Recording();
        using var client = TestClients.Create(mock);
        var mine = new UserAppIDSet { UserId = "mine", AppId = "mine" };

        using (var call = client.Api.StreamModelOutputs())
        {
            await call.RequestStream.WriteAsync(new PostModelOutputsRequest { ModelId = "llm", UserAppId = mine });
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        Assert.That(sent, Is.EqualTo(new[] { mine }));
    }
}
