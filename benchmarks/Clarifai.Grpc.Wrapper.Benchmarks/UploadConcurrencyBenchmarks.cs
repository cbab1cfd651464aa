using BenchmarkDotNet.Attributes;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// The uploader's throughput by <see cref="UploadOptions.MaxConcurrency"/>, against the emulator with 20 ms of
/// latency (where the default comes from) and with none (the CPU ceiling of this machine, client and server
/// together). Times are per input.
/// </summary>
[Config(typeof(UploadJobConfig))]
public class UploadConcurrencyBenchmarks
{
    private const int Inputs = 10_000;
    private ClarifaiEmulator _emulator = null!;
    private ByteString[] _contents = null!;
    private int _run;

    /// <summary>Requests in flight.</summary>
    [Params(2, 4, 8, 16, 32)]
    public int Concurrency { get; set; }

    /// <summary>Latency the emulator adds to every request.</summary>
    [Params(0, 20)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(LatencyMs) } });
        _contents = BenchmarkData.Contents(Inputs, 10 * 1024);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _emulator.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Inputs)]
    public async Task<long> Upload()
    {
        using var client = new ClarifaiClient(BenchmarkData.Options(_emulator, $"concurrency-{Interlocked.Increment(ref _run)}"));
        var summary = await client.Uploads.UploadAllAsync(ToAsync(_contents.Select(NewInput.FromBytes)), new UploadOptions { MaxConcurrency = Concurrency });
        return summary.Succeeded == Inputs ? summary.Succeeded : throw new InvalidOperationException(summary.ToString());
    }

    private static async IAsyncEnumerable<NewInput> ToAsync(IEnumerable<NewInput> inputs)
    {
        foreach (var input in inputs) yield return input;
        await Task.CompletedTask;
    }
}
