using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// The client process's own meters: CPU time, allocations and JIT counts at marks, and the peak managed heap sampled
/// every 5 ms on a timer (cheap: one <see cref="GC.GetTotalMemory"/> read).
/// </summary>
internal sealed class ProcessMeter : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Timer _sampler;
    private long _peakHeap;

    public ProcessMeter() => _sampler = new Timer(_ => Sample(), null, 0, 5);

    public long PeakHeapBytes { get { Sample(); return Interlocked.Read(ref _peakHeap); } }

    /// <summary>Process CPU (user + system) since the process started.</summary>
    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public static long Allocated() => GC.GetTotalAllocatedBytes(precise: true);

    public static long Jitted() => System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>Context switches of all the process's threads so far (Linux; 0 elsewhere): each is a thread that slept and was woken.</summary>
    public static long ContextSwitches()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }

    /// <summary>The process's peak resident set (VmHWM on Linux).</summary>
    public long PeakRssBytes()
    {
        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _process.Dispose();
    }

    private void Sample()
    {
        var heap = GC.GetTotalMemory(false);
        long peak;
        while (heap > (peak = Interlocked.Read(ref _peakHeap)) && Interlocked.CompareExchange(ref _peakHeap, heap, peak) != peak)
        {
        }
    }
}
