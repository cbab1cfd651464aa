using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// Bounded memory, as counts rather than heap figures (which depend on the GC's mode and timing; the figures are
/// measured by the upload benchmark, see docs/benchmarks.md): however long the source, the uploader holds at most the
/// window docs/uploads.md states — <c>MaxConcurrency + 6</c> batches (in flight, 2 read ahead, the one being filled,
/// 2 outcome groups waiting and the one the consumer is reading), plus the input that found the window full — and
/// keeps no input's content once its outcome is out.
/// </summary>
[TestFixture]
public sealed class UploadMemoryTests
{
    private const int Count = 20_000;
    private const int Size = 10 * 1024;
    private const int BatchSize = 32;
    private const int Workers = 4;
    private const int Window = ((Workers + 6) * BatchSize) + 1;
    private const int SampleEvery = 997;

    [Test]
    public async Task ALongUpload_HoldsAtMostTheDocumentedWindow_AndKeepsNoContentAfterItsOutcome()
    {
        // Each answer waits a moment (real time, never asserted on), so the reader runs ahead of the workers until the
        // window is full: an uploader that read further would show it in the count.
        var invoker = new AcceptAllInvoker { AnswerAfter = () => Task.Delay(1) };
        var options = TestClients.Options();
        options.TimeProvider = TimeProvider.System;
        using var client = new ClarifaiClient(options, invoker);
        var source = new CountingSource();

        var summary = await client.Uploads.UploadAllAsync(
            source.Generate(),
            new UploadOptions { BatchSize = BatchSize, MaxConcurrency = Workers },
            onOutcome: _ => source.Finished());

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var kept = source.Samples.Count(s => s.IsAlive);
        TestContext.Out.WriteLine($"{Count} inputs: at most {source.MostHeld} held at once (window {Window}); {kept} of {source.Samples.Count} sampled contents still reachable");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.EqualTo(Count));
            Assert.That(invoker.Inputs, Is.EqualTo(Count));
            Assert.That(source.MostHeld, Is.GreaterThan(Workers * BatchSize), "the reader did run ahead of the workers (else the bound below shows nothing)");
            Assert.That(source.MostHeld, Is.LessThanOrEqualTo(Window), "inputs read but without an outcome: at most the window, whatever the source's length");
            Assert.That(kept, Is.Zero, "no input's content outlives its outcome (the summary and the client keep none)");
        });
    }

    /// <summary>A source of <see cref="Count"/> inputs that counts how many are read and not yet finished, and keeps weak references to a sample of their contents.</summary>
    private sealed class CountingSource
    {
        private int _read;
        private int _finished;
        private int _mostHeld;

        public List<WeakReference> Samples { get; } = [];

        public int MostHeld => Volatile.Read(ref _mostHeld);

        public void Finished() => Interlocked.Increment(ref _finished);

        public async IAsyncEnumerable<NewInput> Generate()
        {
            var random = new Random(1);
            for (var i = 0; i < Count; i++)
            {
                var content = new byte[Size];
                random.NextBytes(content);
                // The last window's inputs may still be in the pipeline's buffers when it ends: sample the rest.
                if (i % SampleEvery == 0 && i < Count - Window) Samples.Add(new WeakReference(content));
                var held = Interlocked.Increment(ref _read) - Volatile.Read(ref _finished);
                var most = Volatile.Read(ref _mostHeld);
                while (held > most && Interlocked.CompareExchange(ref _mostHeld, held, most) != most) most = Volatile.Read(ref _mostHeld);
                yield return NewInput.FromBytes(Google.Protobuf.UnsafeByteOperations.UnsafeWrap(content));
                if (i % 64 == 0) await Task.Yield();
            }
        }
    }
}
