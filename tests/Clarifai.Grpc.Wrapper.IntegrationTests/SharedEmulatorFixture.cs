using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>A fixture whose tests share one emulator; each test still uses an app of its own.</summary>
public abstract class SharedEmulatorFixture
{
    /// <summary>The emulator, started once for the fixture.</summary>
    protected ClarifaiEmulator Emulator { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => Emulator = await ClarifaiEmulator.StartAsync();

    [OneTimeTearDown]
    public async Task StopEmulator() => await Emulator.DisposeAsync();
}
