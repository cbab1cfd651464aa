using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The local server keeps its own rules against hostile input: image bombs, absurd pages, broken messages.</summary>
[TestFixture]
public sealed class EmulatorFidelityTests : SharedEmulatorFixture
{
    /// <summary>A JPEG cut inside its first segment: StbImageSharp spins forever on it, even to read its size.</summary>
    private static readonly byte[] TruncatedJpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];

    /// <summary>A 13-byte GIF header declaring 10000 × 10000 pixels (100 megapixels).</summary>
    private static readonly byte[] HugeGif = [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 0x10, 0x27, 0x10, 0x27, 0x00, 0x00, 0x00];

    [Test]
    public async Task ImageBombs_FailTheirInputs_AndLaterInputsAreStillProcessed()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var added = await clarifai.Inputs.AddAsync([
            NewInput.FromBytes(TruncatedJpeg).WithId("truncated"),
            NewInput.FromBytes(HugeGif).WithId("huge"),
            NewInput.FromBytes(TruncatedJpeg).WithId("truncated2"),
            EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("fine"),
        ]);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var inputs = await clarifai.Inputs.WaitForProcessingAsync(["truncated", "huge", "truncated2", "fine"], cancellationToken: limit.Token);

        Assert.Multiple(() =>
        {
            Assert.That(added.AllSucceeded, Is.True);
            Assert.That(inputs.Select(i => i.State), Is.EqualTo(new[] { InputState.Failed, InputState.Failed, InputState.Failed, InputState.Processed }));
            Assert.That(inputs[0].Status.Code, Is.EqualTo(StatusCode.InputFailed));
            Assert.That(inputs[1].Status.Details, Does.Contain("megapixels"));
        });
    }

    [Test]
    public async Task APredictionOnAnImageBomb_AnswersAFailedOutput_AtOnce()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 2).WithConcepts("warm"), EmulatorClients.Scene(ScenePalette.Cold, 3).WithConcepts("cold")]);
        await clarifai.Models.CreateAsync("m", ["warm", "cold"]);
        await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("m"));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var predictions = await clarifai.Predictions.PredictManyAsync("m", [ImageSource.FromBytes(TruncatedJpeg), ImageSource.FromBytes(HugeGif)], cancellationToken: limit.Token);

        Assert.That(predictions.Select(p => p.Status.Code), Is.All.EqualTo(StatusCode.InputFailed));
    }

    [Test]
    public async Task AnImageOverTwentyMegabytes_IsRefusedPerInput_WithTheOverLimitCode()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var request = new PostInputsRequest { Inputs = { new Input { Data = new Data { Image = new Image { Base64 = ByteString.CopyFrom(new byte[(20 * 1024 * 1024) + 1]) } } } } };

        var response = await clarifai.GrpcClient.PostInputsAsync(request); // the raw client: the library itself refuses this before sending

        Assert.That(response.Inputs.Single().Status.Code, Is.EqualTo(StatusCode.InputOverLimit));
    }

    [Test]
    public async Task APageFarPastTheEnd_IsEmpty_NotPageOneAgain()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 4)]);

        var first = await clarifai.GrpcClient.ListInputsAsync(new ListInputsRequest { Page = 1, PerPage = 1000 });
        var overflowing = await clarifai.GrpcClient.ListInputsAsync(new ListInputsRequest { Page = 2_147_485, PerPage = 1000 });
        var largest = await clarifai.GrpcClient.ListInputsAsync(new ListInputsRequest { Page = uint.MaxValue, PerPage = 1000 });

        Assert.Multiple(() =>
        {
            Assert.That(first.Inputs, Has.Count.EqualTo(1));
            Assert.That(overflowing.Inputs, Is.Empty);
            Assert.That(largest.Inputs, Is.Empty);
        });
    }

    [Test]
    public async Task ARequestThatIsNotProtobuf_IsAnsweredInternal_AsTheGrpcSpecSays()
    {
        using var channel = GrpcChannel.ForAddress(Emulator.Endpoint);
        var bytes = Marshallers.Create(b => b, b => b);
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "clarifai.api.V2", "PostInputs", bytes, bytes);
        var headers = new Metadata { { "authorization", "Key " + Emulator.ApiKey } };

        var e = (await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(headers), [0xFF, 0xFF, 0xFF, 0x07])))!;

        Assert.That(e.StatusCode, Is.EqualTo(GrpcStatusCode.Internal), e.Status.Detail);
    }
}
