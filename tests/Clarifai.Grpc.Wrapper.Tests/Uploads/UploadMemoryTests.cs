using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// Peak memory of a long upload. The bound is loose on purpose (this is not a benchmark): what it catches is memory
/// that grows with the length of the stream. The exact figure is printed and recorded in docs/uploads.md.
/// </summary>
[TestFixture]
public sealed class UploadMemoryTests
{
    private const int Count = 100_000;
    private const int Size = 10 * 1024;
    private const long BoundBytes = 256L * 1024 * 1024;

    [Test]
    public async Task HundredThousandInputsOf10KB_StreamedFromAGenerator_StayUnderAFixedHeapBound()
    {
        var invoker = new AcceptAllInvoker();
        var options = TestClients.Options();
        options.TimeProvider = TimeProvider.System; // real time, for the throughput figure; nothing here waits
        using var client = new ClarifaiClient(options, invoker);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(2);
            }
        });
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var summary = await client.Uploads.UploadAllAsync(Generate(), onOutcome: outcome => InterlockedMax(ref peak, GC.GetTotalMemory(false)));
        await sampling.CancelAsync();
        await sampler;

        TestContext.Out.WriteLine($"{Count} inputs of {Size} bytes ({(long)Count * Size / (1024 * 1024)} MiB in all): peak managed heap {peak / (1024.0 * 1024):0.0} MiB (baseline {before / (1024.0 * 1024):0.0} MiB), {summary.InputsPerSecond:0} inputs/s, GC gen2 collections {GC.CollectionCount(2)}");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.EqualTo(Count));
            Assert.That(invoker.Inputs, Is.EqualTo(Count));
            Assert.That(peak, Is.LessThan(BoundBytes), "peak heap must not grow with the stream (the stream is 1000 MiB)");
        });
    }

    private static async IAsyncEnumerable<NewInput> Generate()
    {
        var random = new Random(1);
        for (var i = 0; i < Count; i++)
        {
            var content = new byte[Size];
            random.NextBytes(content);
            yield return NewInput.FromBytes(Google.Protobuf.UnsafeByteOperations.UnsafeWrap(content));
            if (i % 1024 == 0) await Task.Yield();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
