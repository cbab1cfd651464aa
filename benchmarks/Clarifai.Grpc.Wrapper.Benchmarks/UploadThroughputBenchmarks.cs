using BenchmarkDotNet.Attributes;
using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// Uploading 10 KiB inputs to the emulator with 20 ms of latency added to every request: our streaming uploader
/// against the usual patterns with the raw client. Times are per input (OperationsPerInvoke), so Op/s is inputs per
/// second. Each invocation uploads into a fresh app.
/// </summary>
[Config(typeof(UploadJobConfig))]
[MemoryDiagnoser]
public class UploadThroughputBenchmarks
{
    /// <summary>Inputs per invocation for the batched patterns.</summary>
    public const int Inputs = 10_000;

    /// <summary>Inputs per invocation for one-input-per-request: 10,000 of them would take over 200 s per invocation.</summary>
    public const int SingleInputs = 500;

    private const int Size = 10 * 1024;
    private const int Batch = 128;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private ClarifaiEmulator _emulator = null!;
    private GrpcChannel _channel = null!;
    private V2.V2Client _raw = null!;
    private Metadata _metadata = null!;
    private ByteString[] _contents = null!;
    private int _run;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { Latency = Latency } });
        _channel = GrpcChannel.ForAddress(_emulator.Endpoint, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        _raw = new V2.V2Client(_channel);
        _metadata = new Metadata { { "authorization", "Key " + _emulator.ApiKey } };
        _contents = BenchmarkData.Contents(Inputs, Size);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _channel.Dispose();
        await _emulator.DisposeAsync();
    }

    /// <summary>Our uploader with its default options (16 requests in flight).</summary>
    [Benchmark(OperationsPerInvoke = Inputs)]
    public async Task<long> StreamingUploader()
    {
        using var client = new ClarifaiClient(BenchmarkData.Options(_emulator, NextApp()));
        var summary = await client.Uploads.UploadAllAsync(Source(Inputs));
        return Check(summary.Succeeded, Inputs);
    }

    /// <summary>(a) The raw client, one input per request, one request at a time.</summary>
    [Benchmark(OperationsPerInvoke = SingleInputs)]
    public async Task<long> RawOneInputPerRequestSequential()
    {
        var ids = new UserAppIDSet { UserId = BenchmarkData.UserId, AppId = NextApp() };
        long ok = 0;
        for (var i = 0; i < SingleInputs; i++)
        {
            var request = new PostInputsRequest { UserAppId = ids, Inputs = { Input(i) } };
            var response = await _raw.PostInputsAsync(request, _metadata);
            if (response.Status.Code == StatusCode.Success) ok++;
        }

        return Check(ok, SingleInputs);
    }

    /// <summary>(b) The raw client, 128 inputs per request, one request at a time.</summary>
    [Benchmark(OperationsPerInvoke = Inputs)]
    public async Task<long> RawBatchesSequential()
    {
        var ids = new UserAppIDSet { UserId = BenchmarkData.UserId, AppId = NextApp() };
        long ok = 0;
        for (var start = 0; start < Inputs; start += Batch) ok += await SendBatchAsync(ids, start);
        return Check(ok, Inputs);
    }

    /// <summary>(c) Clarifai's Python SDK pattern: 10 workers, each sending 128-input batches.</summary>
    [Benchmark(OperationsPerInvoke = Inputs)]
    public async Task<long> RawTenWorkersOfBatches()
    {
        var ids = new UserAppIDSet { UserId = BenchmarkData.UserId, AppId = NextApp() };
        long ok = 0;
        var starts = Enumerable.Range(0, (Inputs + Batch - 1) / Batch).Select(b => b * Batch);
        await Parallel.ForEachAsync(starts, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (start, _) => Interlocked.Add(ref ok, await SendBatchAsync(ids, start)));
        return Check(ok, Inputs);
    }

    private async Task<long> SendBatchAsync(UserAppIDSet ids, int start)
    {
        var request = new PostInputsRequest { UserAppId = ids };
        for (var i = start; i < Math.Min(start + Batch, Inputs); i++) request.Inputs.Add(Input(i));
        var response = await _raw.PostInputsAsync(request, _metadata);
        return response.Status.Code == StatusCode.Success ? request.Inputs.Count : 0;
    }

    private Input Input(int i) => new() { Id = $"in-{i}", Data = new Data { Image = new Image { Base64 = _contents[i] } } };

    private async IAsyncEnumerable<NewInput> Source(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return NewInput.FromBytes(_contents[i]).WithId($"in-{i}");
            if (i % 1024 == 0) await Task.Yield();
        }
    }

    private string NextApp() => $"upload-{Interlocked.Increment(ref _run)}";

    private static long Check(long succeeded, long expected) =>
        succeeded == expected ? succeeded : throw new InvalidOperationException($"{succeeded} of {expected} inputs succeeded");
}
