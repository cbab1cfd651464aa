using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Clients for an emulator: each test gets an app of its own, so tests sharing an emulator never see each other's data.</summary>
internal static class EmulatorClients
{
    public const string UserId = "integration";

    public static ClarifaiClientOptions Options(ClarifaiEmulator emulator, string appId) => new()
    {
        Endpoint = emulator.Endpoint,
        ApiKey = emulator.ApiKey,
        AllowInsecureCredentials = true,
        UserId = UserId,
        AppId = appId,
        Polling = new PollingSettings { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(60) },
        Retry = new RetrySettings { MaxAttempts = 5, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(100) },
    };

    public static ClarifaiClient Create(ClarifaiEmulator emulator, string? appId = null, Action<ClarifaiClientOptions>? configure = null)
    {
        var options = Options(emulator, appId ?? NewAppId());
        configure?.Invoke(options);
        return new ClarifaiClient(options);
    }

    public static string NewAppId() => "app-" + Guid.NewGuid().ToString("N")[..12];

    public static NewInput Scene(ScenePalette palette, int seed) => NewInput.FromBytes(SceneGenerator.Png(palette, seed));
}
