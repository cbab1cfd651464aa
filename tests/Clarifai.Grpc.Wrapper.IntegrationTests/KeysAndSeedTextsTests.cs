using System.Diagnostics;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The two kinds of key the API has — personal access tokens and app-scoped keys — and the seed's status texts, over
/// loopback; and the standalone server's start-up lines that scripts read.
/// </summary>
[TestFixture]
public sealed class KeysAndSeedTextsTests : SharedEmulatorFixture
{
    private ClarifaiClient AppKeyClient(Action<ClarifaiClientOptions>? configure = null)
    {
        var options = new ClarifaiClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.AppKey.Key, AllowInsecureCredentials = true };
        configure?.Invoke(options);
        return new ClarifaiClient(options);
    }

    [Test]
    public async Task TheKey_EchoedByTheServerInStoredText_IsRedacted_InWhatTheClientReads()
    {
        // The server echoes what it stores: text holding the key comes back over the wire, to the raw and the checked client.
        using var client = EmulatorClients.Create(Emulator);
        var id = "echo-" + Guid.NewGuid().ToString("N")[..8];
        var metadata = new Google.Protobuf.WellKnownTypes.Struct { Fields = { ["note"] = Google.Protobuf.WellKnownTypes.Value.ForString("Key " + Emulator.ApiKey) } };
        await client.GrpcClient.PostInputsAsync(new Clarifai.Api.PostInputsRequest { Inputs = { new Clarifai.Api.Input { Id = id, Data = new Clarifai.Api.Data { Text = new Clarifai.Api.Text { Raw = "hello" }, Metadata = metadata } } } });

        var read = await client.GrpcClient.GetInputAsync(new Clarifai.Api.GetInputRequest { InputId = id });
        var listed = await client.Api.ListInputsAsync(new Clarifai.Api.ListInputsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(read.Input.Data.Metadata.Fields["note"].StringValue, Is.EqualTo("Key ***"));
            Assert.That(listed.Inputs.Single(i => i.Id == id).Data.Metadata.Fields["note"].StringValue, Is.EqualTo("Key ***"));
        });
    }

    [Test]
    public async Task AnAppKey_WithoutUserAppId_ActsOnItsOwnApp()
    {
        using var appKey = AppKeyClient();
        var id = "k-" + Guid.NewGuid().ToString("N")[..8];

        await appKey.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 5).WithId(id)]);

        using var pat = EmulatorClients.Create(Emulator, Emulator.AppKey.AppId, o => o.UserId = Emulator.AppKey.UserId);
        var stored = await pat.Inputs.GetAsync(id);
        Assert.That(stored.Id, Is.EqualTo(id), "the input landed in the key's app, as a PAT naming that app sees it");
    }

    [Test]
    public async Task AnAppKey_NamingAnotherApp_IsRefused_WithInsufficientScopes()
    {
        using var appKey = AppKeyClient();

        var refused = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => appKey.Models.GetAsync("pets", CallSettings.ForApp("someone", "else")));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Code, Is.EqualTo(StatusCode.ConnInsufficientScopes));
            Assert.That(refused.Details, Does.Contain("someone/else"));
        });
    }

    [Test]
    public async Task AnAppKey_MayUseThePublicModels()
    {
        using var appKey = AppKeyClient();

        var answer = await appKey.Predictions.PredictAsync(ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm"), ModelInput.FromText("hi"), options: null);

        Assert.That(answer.Text, Is.EqualTo("Echo: hi"));
    }

    [Test]
    public async Task APersonalAccessToken_WithoutUserAppId_IsRefusedWith11102()
    {
        using var pat = new ClarifaiClient(new ClarifaiClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey, AllowInsecureCredentials = true });

        var refused = await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(() => pat.Models.GetAsync("pets"));

        Assert.That(refused!.Code, Is.EqualTo(StatusCode.ConnInvalidRequest));
    }

    [Test]
    public async Task AWrongKey_IsRefusedWith11008_OnEitherKind()
    {
        using var wrong = AppKeyClient(o => o.ApiKey = "clarifai-emulator-not-a-key");

        var refused = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => wrong.Models.GetAsync("pets"));

        Assert.That(refused!.Code, Is.EqualTo(StatusCode.ConnKeyInvalid));
    }

    [Test]
    public async Task TheSeedsSteps_AnswerTheSeedsTexts()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var added = await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("charlie"), EmulatorClients.Scene(ScenePalette.Cold, 2).WithoutConcepts("charlie")]);
        var processed = await clarifai.Inputs.WaitForProcessingAsync(added.Inputs.Select(i => i.Id));
        var model = await clarifai.Models.CreateAsync("pets", ["charlie"]);
        var queued = await clarifai.ModelVersions.TrainAsync("pets");
        var trained = await clarifai.ModelVersions.WaitForTrainingAsync(queued);

        Assert.Multiple(() =>
        {
            Assert.That((added.Status.Code, added.Status.Description), Is.EqualTo((StatusCode.Success, "Ok")));
            Assert.That(processed.Select(i => (i.Status.Code, i.Status.Description)), Is.All.EqualTo((StatusCode.InputSuccess, "Download complete")));
            Assert.That((model.LatestVersion!.Status.Code, model.LatestVersion.Status.Description), Is.EqualTo((StatusCode.ModelUntrained, "Model not yet trained")));
            Assert.That((queued.Status.Code, queued.Status.Description), Is.EqualTo((StatusCode.ModelQueuedForTraining, "Custom model is currently in queue for training, waiting on inputs to process.")));
            Assert.That((trained.Status.Code, trained.Status.Description), Is.EqualTo((StatusCode.ModelTrained, "Model trained successfully")));
        });
    }

    [Test]
    public async Task TheStandaloneServer_PrintsItsKeysAndRestAddress_InTheFormsScriptsRead()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Clarifai.Grpc.Emulator.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--port", "0", "--rest-port", "0", "--key", "pat-123", "--app-key", "ak-1:ann/photos", "--app-key", "ak-2:bob/docs"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) break;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.That(lines, Is.SupersetOf(new[]
        {
            "Personal access token: pat-123",
            "App key: ak-1 (user_id ann, app_id photos)",
            "App key: ak-2 (user_id bob, app_id docs)",
        }), string.Join('\n', lines));
        Assert.That(lines, Has.One.Matches(@"^REST: http://127\.0\.0\.1:\d+$"), string.Join('\n', lines));
    }
}
