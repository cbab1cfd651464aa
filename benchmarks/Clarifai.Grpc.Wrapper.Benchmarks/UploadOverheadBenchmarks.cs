using BenchmarkDotNet.Attributes;
using Clarifai.Grpc.Wrapper.Benchmarks.External;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// The client's own cost per uploaded input, with no transport: our uploader and the raw pattern (10 workers sending
/// 128-input batches) over an invoker that accepts at once. Times and allocations are per input
/// (OperationsPerInvoke). The images are shared buffers, so the allocations are the clients' own.
/// </summary>
[Config(typeof(UploadJobConfig))]
[MemoryDiagnoser]
public class UploadOverheadBenchmarks
{
    private const int Inputs = 20_000;
    private readonly AcceptingInvoker _invoker = new();
    private ClarifaiClient _client = null!;
    private UploadOptions _options = null!;

    /// <summary>Requests in flight (ours) or workers (raw).</summary>
    [Params(10)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _client = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "bench-key", UserId = BenchmarkData.UserId, AppId = "overhead" }, _invoker);
        _options = new UploadOptions { MaxConcurrency = Concurrency };
    }

    [GlobalCleanup]
    public void CleanUp() => _client.Dispose();

    /// <summary>The raw stub as Clarifai's Python SDK uses it (the external benchmark's pattern, over the same invoker).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs)]
    public async Task<int> RawWorkersOfBatches()
    {
        using var raw = new RawUpload(_invoker, "bench-key", Concurrency);
        await raw.RunAsync(Inputs, "in-", null);
        return Inputs;
    }

    /// <summary>Our uploader.</summary>
    [Benchmark(OperationsPerInvoke = Inputs)]
    public async Task<long> StreamingUploader()
    {
        var summary = await _client.Uploads.UploadAllAsync(Source(), _options);
        return summary.Succeeded == Inputs ? summary.Succeeded : throw new InvalidOperationException(summary.ToString());
    }

    private static IEnumerable<NewInput> Source()
    {
        for (var i = 0; i < Inputs; i++) yield return NewInput.FromBytes(ImageContents.Of(i)).WithId("in-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
