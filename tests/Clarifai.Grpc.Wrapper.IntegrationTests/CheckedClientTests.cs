using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary><see cref="ClarifaiClient.Api"/> against the local server over loopback HTTP/2.</summary>
[TestFixture]
public sealed class CheckedClientTests : SharedEmulatorFixture
{
    [Test]
    public async Task AFailedStatus_ThrowsTheTypedException_WhereTheRawClientReturnsIt()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var raw = await clarifai.GrpcClient.GetModelAsync(new GetModelRequest { ModelId = "absent" });
        var checkedCall = (await Assert.ThrowsAsync<ClarifaiNotFoundException>(async () => await clarifai.Api.GetModelAsync(new GetModelRequest { ModelId = "absent" })))!;

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
            Assert.That(checkedCall.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
            Assert.That(checkedCall.RequestId, Is.Not.Empty);
            Assert.That(checkedCall.Method, Is.EqualTo("GetModel"));
        });
    }

    [Test]
    public async Task ASuccessfulCall_ReturnsTheResponse_AndABatchWithFailedItems_IsAResult()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        const string url = "http://127.0.0.1:1/a.png"; // never fetched before the duplicate check

        var first = await clarifai.Api.PostInputsAsync(new PostInputsRequest { Inputs = { new Input { Id = "one", Data = new Data { Image = new Image { Base64 = Google.Protobuf.ByteString.CopyFrom(Clarifai.Grpc.Emulator.SceneGenerator.Png(Clarifai.Grpc.Emulator.ScenePalette.Warm, 1)) } } } } });
        var mixed = await clarifai.Api.PostInputsAsync(new PostInputsRequest
        {
            Inputs =
            {
                new Input { Id = "one", Data = new Data { Image = new Image { Url = url } } },
                new Input { Id = "two", Data = new Data { Image = new Image { Url = url } } },
            },
        });

        Assert.Multiple(() =>
        {
            Assert.That(first.Status.Code, Is.EqualTo(StatusCode.Success));
            Assert.That(mixed.Status.Code, Is.EqualTo(StatusCode.MixedStatus));
            Assert.That(mixed.Inputs.Single(i => i.Id == "one").Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
        });
    }

    [Test]
    public async Task AnRpcTheLocalServerLacks_IsATransportException_WithUnimplemented()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var e = (await Assert.ThrowsAsync<ClarifaiTransportException>(async () => await clarifai.Api.ListCollectorsAsync(new ListCollectorsRequest())))!;

        Assert.That(e.GrpcStatusCode, Is.EqualTo(global::Grpc.Core.StatusCode.Unimplemented));
    }
}
