using System.Diagnostics;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// Peak working set, peak managed heap (with garbage not yet collected: mostly the GC's gen0 budget, which the
/// runtime sizes from the CPU's cache) and peak heap after a collection (what stays alive) while the uploader streams inputs from a generator to an invoker that
/// keeps nothing (the client's memory alone). Not a BenchmarkDotNet benchmark: a peak is a single observation of one
/// run, sampled every millisecond.
/// </summary>
internal static class UploadMemoryMeasurement
{
    public static async Task<int> RunAsync(int count)
    {
        const int size = 10 * 1024;
        using var client = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "bench-key", UserId = BenchmarkData.UserId, AppId = "memory" }, new AcceptingInvoker());
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var baselineWorkingSet = process.WorkingSet64;
        long peakHeap = 0, peakAfterCollection = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakAfterCollection = Math.Max(peakAfterCollection, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                await Task.Delay(1);
            }
        });

        var summary = await client.Uploads.UploadAllAsync(Generate(count, size));
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();

        Console.WriteLine($"Uploaded {count:N0} inputs of {size / 1024} KiB ({(long)count * size / (1024 * 1024):N0} MiB) from a generator: {summary}");
        Console.WriteLine($"Peak managed heap: {peakHeap / (1024.0 * 1024):0.0} MiB (baseline {baselineHeap / (1024.0 * 1024):0.0} MiB), garbage not yet collected included");
        Console.WriteLine($"Peak heap after a collection: {peakAfterCollection / (1024.0 * 1024):0.0} MiB (what the upload keeps alive, plus fragmentation)");
        Console.WriteLine($"Peak working set:  {process.PeakWorkingSet64 / (1024.0 * 1024):0.0} MiB (baseline {baselineWorkingSet / (1024.0 * 1024):0.0} MiB)");
        Console.WriteLine($"GC collections: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; server GC {System.Runtime.GCSettings.IsServerGC}");
        return summary.Succeeded == count ? 0 : 1;
    }

    private static async IAsyncEnumerable<NewInput> Generate(int count, int size)
    {
        var random = new Random(3);
        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            yield return NewInput.FromBytes(UnsafeByteOperations.UnsafeWrap(bytes));
            if (i % 1024 == 0) await Task.Yield();
        }
    }
}
