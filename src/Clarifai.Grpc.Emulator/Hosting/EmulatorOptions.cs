namespace Clarifai.Grpc.Emulator;

/// <summary>Settings of a <see cref="ClarifaiEmulator"/>: where it listens, which key it accepts, how it behaves.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The personal access token the emulator accepts by default. Well known on purpose, like Azurite's: the emulator holds no real data.</summary>
    public const string DevelopmentKey = "clarifai-emulator-dev-key";

    /// <summary>The app-scoped key the emulator accepts by default, bound to <see cref="DevelopmentAppUserId"/>/<see cref="DevelopmentAppId"/>.</summary>
    public const string DevelopmentAppKey = "clarifai-emulator-app-key";

    /// <summary>The user of the default app key's app.</summary>
    public const string DevelopmentAppUserId = "emulator-user";

    /// <summary>The default app key's app.</summary>
    public const string DevelopmentAppId = "emulator-app";

    /// <summary>The loopback port gRPC listens on; 0 (default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The loopback port the REST API listens on over HTTP/1.1 (over HTTP/2 it shares <see cref="Port"/>); 0 (default) picks a free one.</summary>
    public int RestPort { get; init; }

    /// <summary>
    /// The personal access token (PAT) clients may send as <c>authorization: Key …</c>; with it, every call names its
    /// app in <c>user_app_id</c> (11102 otherwise). Default <see cref="DevelopmentKey"/>.
    /// </summary>
    public string ApiKey { get; init; } = DevelopmentKey;

    /// <summary>The user who owns <see cref="ApiKey"/>: what the user id <c>me</c> means with it. Default <see cref="DevelopmentAppUserId"/>.</summary>
    public string UserId { get; init; } = DevelopmentAppUserId;

    /// <summary>
    /// App-scoped keys, each bound to one app (see <see cref="EmulatorAppKey"/>). Default: one,
    /// <see cref="DevelopmentAppKey"/> for <c>emulator-user/emulator-app</c>.
    /// </summary>
    public IReadOnlyList<EmulatorAppKey> AppKeys { get; init; } = [new(DevelopmentAppKey, DevelopmentAppUserId, DevelopmentAppId)];

    /// <summary>
    /// Hosts whose image URLs the emulator downloads. Default: loopback only (<c>localhost</c>, <c>127.0.0.1</c>,
    /// <c>[::1]</c>), so that nothing leaves the machine unless configured. An input with any other URL fails with 30002.
    /// </summary>
    public IReadOnlyCollection<string> AllowedUrlHosts { get; init; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>How long training pretends to take after it starts (21101), so that clients see the states move. Default 200 ms.</summary>
    public TimeSpan TrainingDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The clock of everything the server times — creation and completion times, training, the wait for pending inputs,
    /// injected latency — so tests can drive it (for example with <c>FakeTimeProvider</c>). Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A sink for load tests and benchmarks: PostInputs and PostModelOutputs are answered at once with success and
    /// nothing is stored or processed, so that a client, not the server, is the limit. Keys and <c>user_app_id</c> are
    /// still checked and faults still apply; every other RPC behaves as usual. Default <see langword="false"/>.
    /// </summary>
    public bool Sink { get; init; }

    /// <summary>
    /// Whether image URLs under <c>samples.clarifai.com</c> (the images of Clarifai's docs, snippets and client test
    /// suites) are answered from deterministic built-in images instead of failing as an unfetchable host: each path
    /// gets its own image (<see cref="OfflineSamples"/>), so a snippet runs unchanged and offline. Nothing is fetched.
    /// Default <see langword="false"/>.
    /// </summary>
    public bool OfflineSamples { get; init; }

    /// <summary>Faults to inject; none by default. Can be changed while running with <see cref="ClarifaiEmulator.Faults"/>.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(RestPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RestPort, 65535);
        if (Port != 0 && Port == RestPort) throw new ArgumentException("gRPC and REST need different ports.", nameof(RestPort));
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(UserId);
        ArgumentNullException.ThrowIfNull(AppKeys);
        foreach (var appKey in AppKeys)
        {
            ArgumentNullException.ThrowIfNull(appKey, nameof(AppKeys));
            appKey.Validate();
        }

        var keys = AppKeys.Select(k => k.Key).Append(ApiKey).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) throw new ArgumentException("Every key (the PAT and each app key) must be different.", nameof(AppKeys));
        ArgumentNullException.ThrowIfNull(AllowedUrlHosts);
        ArgumentOutOfRangeException.ThrowIfNegative(TrainingDuration.Ticks, nameof(TrainingDuration));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Faults);
        Faults.Validate();
    }
}
