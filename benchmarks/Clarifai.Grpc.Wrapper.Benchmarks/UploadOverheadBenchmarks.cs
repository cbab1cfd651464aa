using BenchmarkDotNet.Attributes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Benchmarks.External;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

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
    private const int Batch = 128;
    private readonly AcceptingInvoker _invoker = new();
    private readonly Metadata _metadata = new() { { "authorization", "Key bench-key" } };
    private readonly UserAppIDSet _ids = new() { UserId = BenchmarkData.UserId, AppId = "overhead" };
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

    /// <summary>The raw stub as Clarifai's Python SDK uses it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs)]
    public async Task<int> RawWorkersOfBatches()
    {
        var client = new V2.V2Client(_invoker);
        var next = -1;
        var ok = 0;
        async Task WorkAsync()
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < Inputs / Batch + 1)
            {
                var request = new PostInputsRequest { UserAppId = _ids };
                for (var i = b * Batch; i < Math.Min(Inputs, (b + 1) * Batch); i++)
                {
                    request.Inputs.Add(new Input { Id = "in-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Data = new Data { Image = new Image { Base64 = ImageContents.Of(i) } } });
                }

                if (request.Inputs.Count == 0) continue;
                var response = await client.PostInputsAsync(request, _metadata);
                if (response.Status.Code != StatusCode.Success) throw new InvalidOperationException(response.Status.Description);
                Interlocked.Add(ref ok, request.Inputs.Count);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync)));
        return ok == Inputs ? ok : throw new InvalidOperationException($"{ok} of {Inputs}");
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
