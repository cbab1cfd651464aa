using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// <c>sink</c> mode: the local server in <see cref="EmulatorOptions.Sink"/> mode, in its own process so it can be pinned
/// to its own core. Prints <c>endpoint &lt;url&gt;</c> and <c>key &lt;pat&gt;</c>, then serves until its standard input closes.
/// </summary>
internal static class SinkHost
{
    public static async Task<int> RunAsync()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Sink = true });
        Console.WriteLine($"endpoint {emulator.Endpoint}");
        Console.WriteLine($"key {emulator.ApiKey}");
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
