using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>A client outliving its server: a restarted server is used at once; a disposed client ends its upload.</summary>
[TestFixture]
public sealed class RecoveryTests
{
    [Test]
    public async Task AfterAnOutage_AServerRestartedOnTheSamePort_IsUsedWithinAboutASecond()
    {
        var port = LoopbackPorts.Free();
        var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Port = port });
        using var clarifai = EmulatorClients.Create(emulator, configure: o =>
        {
            o.Retry = RetrySettings.None;
            o.Timeout = TimeSpan.FromSeconds(2);
        });
        await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Models.GetAsync("absent")); // connected
        await emulator.DisposeAsync();

        // An outage with calls failing all along, long enough for several failed reconnects (the backoff grows; its 1 s
        // cap is checked exactly by ChannelOptionsTests — this shows the whole path with a real restart).
        var outage = Stopwatch.StartNew();
        while (outage.Elapsed < TimeSpan.FromSeconds(4))
        {
            await Assert.ThrowsAsync<ClarifaiTransportException>(() => clarifai.Models.GetAsync("absent"));
            await Task.Delay(250);
        }

        await using var restarted = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Port = port });
        var recovery = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await clarifai.Models.GetAsync("absent");
            }
            catch (ClarifaiNotFoundException)
            {
                break; // answered by the restarted server
            }
            catch (ClarifaiTransportException) when (recovery.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }

        TestContext.Out.WriteLine($"recovered {recovery.ElapsedMilliseconds} ms after the restart");
        // A measured bound, four times what the 1 s cap allows, for a loaded machine; the figure is printed above.
        Assert.That(recovery.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "bounded reconnect backoff (1 s)");
    }

    [Test]
    public async Task DisposingTheClientDuringAnUpload_EndsItPromptly_WithEveryInputAccountedFor()
    {
        await using var emulator = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(50) } });
        var clarifai = EmulatorClients.Create(emulator);
        var upload = clarifai.Uploads.UploadAsync(Enumerable.Range(0, 5_000).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1))), new UploadOptions { BatchSize = 10, MaxConcurrency = 4 });

        var outcomes = 0;
        var run = Task.Run(async () =>
        {
            await foreach (var _ in upload)
            {
                if (Interlocked.Increment(ref outcomes) == 50) clarifai.Dispose();
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(finished, Is.SameAs(run), "the upload ended");
        var error = await Assert.CatchAsync(() => run);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<ObjectDisposedException>().Or.InstanceOf<ClarifaiException>());
            Assert.That(upload.Summary!.Total, Is.EqualTo(outcomes), "every input read has exactly one outcome");
            Assert.That(outcomes, Is.LessThan(5_000));
        });
    }
}
