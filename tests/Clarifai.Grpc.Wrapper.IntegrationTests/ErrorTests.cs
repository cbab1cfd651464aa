using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Errors as they cross the wire: auth, duplicates, mixed status, training failures, unimplemented RPCs.</summary>
[TestFixture]
public sealed class ErrorTests : SharedEmulatorFixture
{
    [Test]
    public async Task AWrongKey_GetsClarifaisAuthCode_AsAnAuthenticationException()
    {
        using var clarifai = EmulatorClients.Create(Emulator, configure: o => o.ApiKey = "not-the-key");

        var ex = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => clarifai.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.ConnKeyInvalid));
            Assert.That(ex.RequestId, Is.Not.Empty);
            Assert.That(ex.Message, Does.Not.Contain("not-the-key"));
        });
    }

    [Test]
    public async Task NoKeyAtAll_GetsKeyNotFound()
    {
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(Emulator.Endpoint);
        var raw = new V2.V2Client(channel);

        var response = await raw.GetModelAsync(new GetModelRequest { ModelId = "pets", UserAppId = new UserAppIDSet { UserId = "u", AppId = "a" } });

        Assert.Multiple(() =>
        {
            Assert.That(response.Status.Code, Is.EqualTo(StatusCode.ConnKeyNotFound));
            Assert.That(response.Status.ReqId, Is.Not.Empty);
        });
    }

    [Test]
    public async Task ARepeatedUrl_FailsWith30100_UnlessDuplicatesAreAllowed_AndAMixedBatchSaysSo()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        const string url = "http://127.0.0.1:9/puppy.jpeg";

        var first = await clarifai.Inputs.AddAsync([NewInput.FromUrl(url)]);
        var repeated = await clarifai.Inputs.AddAsync([NewInput.FromUrl(url)]);
        var mixed = await clarifai.Inputs.AddAsync([NewInput.FromUrl(url), NewInput.FromUrl("http://127.0.0.1:9/wedding.jpg")]);
        var allowed = await clarifai.Inputs.AddAsync([NewInput.FromUrl(url, allowDuplicateUrl: true)]);

        Assert.Multiple(() =>
        {
            Assert.That(first.AllSucceeded, Is.True);
            Assert.That(repeated.Status.Code, Is.EqualTo(StatusCode.Failure));
            Assert.That(repeated.Failed.Single().Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
            Assert.That(mixed.Status.Code, Is.EqualTo(StatusCode.MixedStatus));
            Assert.That(mixed.Inputs.Select(i => i.IsFailed), Is.EqualTo(new[] { true, false }));
            Assert.That(allowed.AllSucceeded, Is.True);
        });
    }

    [Test]
    public async Task TrainingWithoutData_FailsWith21110_AndWithoutPositives_With21111()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Models.CreateAsync("empty", ["charlie"]);
        var noData = await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(async () =>
            await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("empty")));

        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Cold, 3).WithoutConcepts("charlie")]);
        var noPositives = await Assert.ThrowsAsync<ClarifaiModelTrainingFailedException>(async () =>
            await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("empty")));

        Assert.Multiple(() =>
        {
            Assert.That(noData!.Code, Is.EqualTo(StatusCode.ModelTrainingNoData));
            Assert.That(noData.ModelVersion!.State, Is.EqualTo(ModelVersionState.Failed));
            Assert.That(noPositives!.Code, Is.EqualTo(StatusCode.ModelTrainingNoPositives));
            Assert.That(noPositives.Details, Does.Contain("charlie"));
        });
    }

    [Test]
    public async Task InputsAreProcessedAsynchronously_ToSuccessOrFailure()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var added = await clarifai.Inputs.AddAsync(
        [
            EmulatorClients.Scene(ScenePalette.Warm, 7).WithId("image"),
            NewInput.FromBytes("not an image"u8).WithId("garbage"),
            NewInput.FromUrl("https://samples.clarifai.com/puppy.jpeg").WithId("remote"),
        ]);

        var processed = await clarifai.Inputs.WaitForProcessingAsync(added.Inputs.Select(i => i.Id));

        Assert.Multiple(() =>
        {
            Assert.That(added.Inputs.Select(i => i.Status.Code), Is.All.EqualTo(StatusCode.InputPending));
            Assert.That(processed.Select(i => (i.Id, i.State)), Is.EqualTo(new[] { ("image", InputState.Processed), ("garbage", InputState.Failed), ("remote", InputState.Failed) }));
            Assert.That(processed[2].Status.Details, Does.Contain("does not fetch from host"));
        });
    }

    [Test]
    public async Task UserAppId_IsolatesApps()
    {
        using var a = EmulatorClients.Create(Emulator);
        using var b = EmulatorClients.Create(Emulator);
        await a.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("only-in-a")]);

        var inA = await a.Inputs.GetAsync("only-in-a");
        var ex = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => b.Inputs.GetAsync("only-in-a"));

        Assert.Multiple(() =>
        {
            Assert.That(inA.Id, Is.EqualTo("only-in-a"));
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.InputDoesNotExist));
        });
    }

    [Test]
    public async Task MoreThan128InputsInARequest_AreRefusedByTheServer()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var request = new PostInputsRequest();
        for (var i = 0; i < 129; i++) request.Inputs.Add(new Input { Data = new Data { Image = new Image { Url = $"http://127.0.0.1:9/{i}.jpg" } } });

        var response = await clarifai.GrpcClient.PostInputsAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status.Code, Is.EqualTo(StatusCode.ConnInvalidRequest));
            Assert.That(response.Status.Details, Does.Contain("128"));
            Assert.That(response.Inputs, Is.Empty);
        });
    }

    [Test]
    public async Task AnRpcTheEmulatorLacks_AnswersGrpcUnimplemented()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var ex = Assert.ThrowsAsync<RpcException>(async () => await clarifai.GrpcClient.ListCollectorsAsync(new ListCollectorsRequest()));

        Assert.That((await ex)!.StatusCode, Is.EqualTo(global::Grpc.Core.StatusCode.Unimplemented));
    }

    [Test]
    public async Task ListAndDeleteInputs_Work()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithId("x1"), EmulatorClients.Scene(ScenePalette.Warm, 2).WithId("x2")]);

        var listed = await clarifai.GrpcClient.ListInputsAsync(new ListInputsRequest());
        var deleted = await clarifai.GrpcClient.DeleteInputsAsync(new DeleteInputsRequest { Ids = { "x1" } });
        var after = await clarifai.GrpcClient.ListInputsAsync(new ListInputsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(listed.Inputs.Select(i => i.Id), Is.EqualTo(new[] { "x1", "x2" }));
            Assert.That(deleted.Status.Code, Is.EqualTo(StatusCode.Success));
            Assert.That(after.Inputs.Select(i => i.Id), Is.EqualTo(new[] { "x2" }));
        });
    }
}
