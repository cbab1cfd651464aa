namespace Clarifai.Grpc.Emulator;

/// <summary>Settings of a <see cref="ClarifaiEmulator"/>: where it listens, which key it accepts, how it behaves.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The key the emulator accepts by default. Well known on purpose, like Azurite's: the emulator holds no real data.</summary>
    public const string DevelopmentKey = "clarifai-emulator-dev-key";

    /// <summary>The loopback port to listen on; 0 (default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The key clients must send as <c>authorization: Key …</c>. Default <see cref="DevelopmentKey"/>.</summary>
    public string ApiKey { get; init; } = DevelopmentKey;

    /// <summary>
    /// Hosts whose image URLs the emulator downloads. Default: loopback only (<c>localhost</c>, <c>127.0.0.1</c>,
    /// <c>[::1]</c>), so that nothing leaves the machine unless configured. An input with any other URL fails with 30002.
    /// </summary>
    public IReadOnlyCollection<string> AllowedUrlHosts { get; init; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>How long training pretends to take after it starts (21101), so that clients see the states move. Default 200 ms.</summary>
    public TimeSpan TrainingDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Faults to inject; none by default. Can be changed while running with <see cref="ClarifaiEmulator.Faults"/>.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiKey);
        ArgumentNullException.ThrowIfNull(AllowedUrlHosts);
        ArgumentOutOfRangeException.ThrowIfNegative(TrainingDuration.Ticks, nameof(TrainingDuration));
        ArgumentNullException.ThrowIfNull(Faults);
        Faults.Validate();
    }
}
