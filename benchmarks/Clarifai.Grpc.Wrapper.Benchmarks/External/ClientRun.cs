using System.Diagnostics;
using System.Text.Json;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// <c>client &lt;scenario&gt; &lt;endpoint&gt; &lt;key&gt; &lt;count&gt;</c> mode: one client process measuring itself in three
/// phases — one operation (the first call, with every one-time cost), a warm-up of a tenth of the count (at least
/// 1,000 inputs or 200 calls), then <c>count</c> operations measured — and printing <see cref="ClientFigures"/> as
/// one line <c>RESULT {json}</c>.
/// </summary>
internal static class ClientRun
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(string scenarioName, string endpoint, string key, int count)
    {
        using var meter = new ProcessMeter();
        using var scenario = ClientScenario.Create(scenarioName, endpoint, key);

        await scenario.RunAsync(1, "first-", null);
        var firstCpu = meter.Cpu();
        var firstJitted = ProcessMeter.Jitted();

        var warmUp = Math.Max(count / 10, scenario.IsUpload ? 1_000 : 200);
        await scenario.RunAsync(warmUp, "warm-", null);

        var latencies = scenario.IsUpload ? null : new List<TimeSpan>(count);
        var cpuBefore = meter.Cpu();
        var allocatedBefore = ProcessMeter.Allocated();
        var switchesBefore = ProcessMeter.ContextSwitches();
        var started = Stopwatch.GetTimestamp();
        await scenario.RunAsync(count, "measured-", latencies);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuAfter = meter.Cpu();
        var allocated = ProcessMeter.Allocated() - allocatedBefore;
        var switches = ProcessMeter.ContextSwitches() - switchesBefore;

        latencies?.Sort();
        var figures = new ClientFigures
        {
            Scenario = scenarioName,
            Operations = count,
            FirstCallCpuMs = firstCpu.TotalMilliseconds,
            FirstCallJittedMethods = firstJitted,
            SteadyCpuUsPerOp = (cpuAfter - cpuBefore).TotalMicroseconds / count,
            WholeCpuUsPerOp = cpuAfter.TotalMicroseconds / (1 + warmUp + count),
            AllocatedBytesPerOp = (double)allocated / count,
            ContextSwitchesPerOp = (double)switches / count,
            AllocatedPerImageByte = (double)allocated / ((long)count * ImageContents.Size),
            OpsPerSecond = count / elapsed.TotalSeconds,
            PeakRssMiB = meter.PeakRssBytes() / (1024.0 * 1024),
            PeakHeapMiB = meter.PeakHeapBytes / (1024.0 * 1024),
            JittedMethods = ProcessMeter.Jitted(),
            Gen0 = GC.CollectionCount(0),
            Gen1 = GC.CollectionCount(1),
            Gen2 = GC.CollectionCount(2),
            P50Us = latencies is null ? 0 : latencies[latencies.Count / 2].TotalMicroseconds,
            P99Us = latencies is null ? 0 : latencies[(int)(latencies.Count * 0.99)].TotalMicroseconds,
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(figures, ClientFiguresJson.Default.ClientFigures));
        return 0;
    }
}
