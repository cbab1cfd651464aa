namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>What one client process measured of itself, printed as one JSON line for the orchestrator.</summary>
internal sealed record ClientFigures
{
    public required string Scenario { get; init; }

    /// <summary>Operations in the measured phase (inputs for uploads, calls for predictions).</summary>
    public long Operations { get; init; }

    /// <summary>Process CPU (user + system) from its start until the first call was answered.</summary>
    public double FirstCallCpuMs { get; init; }

    /// <summary>Methods the JIT had compiled when the first call was answered.</summary>
    public long FirstCallJittedMethods { get; init; }

    /// <summary>CPU per operation in the measured phase, after the warm-up.</summary>
    public double SteadyCpuUsPerOp { get; init; }

    /// <summary>The whole process's CPU divided by every operation it made (first call and warm-up included).</summary>
    public double WholeCpuUsPerOp { get; init; }

    /// <summary>Bytes allocated per operation in the measured phase.</summary>
    public double AllocatedBytesPerOp { get; init; }

    /// <summary>Bytes allocated per byte of image content sent, in the measured phase.</summary>
    public double AllocatedPerImageByte { get; init; }

    public double OpsPerSecond { get; init; }

    /// <summary>Context switches per operation in the measured phase: how often a thread slept and was woken.</summary>
    public double ContextSwitchesPerOp { get; init; }

    public double PeakRssMiB { get; init; }

    public double PeakHeapMiB { get; init; }

    public long JittedMethods { get; init; }

    public int Gen0 { get; init; }

    public int Gen1 { get; init; }

    public int Gen2 { get; init; }

    /// <summary>Median latency of a call (predictions only).</summary>
    public double P50Us { get; init; }

    /// <summary>99th percentile latency of a call (predictions only).</summary>
    public double P99Us { get; init; }

    /// <summary>
    /// These figures of a process with default runtime settings (first call, whole process, memory) with the steady
    /// figures (CPU, allocations, throughput, latency) of <paramref name="steady"/>, a process whose code was fully
    /// optimized from the start.
    /// </summary>
    public ClientFigures WithSteadyFiguresOf(ClientFigures steady) => this with
    {
        SteadyCpuUsPerOp = steady.SteadyCpuUsPerOp,
        AllocatedBytesPerOp = steady.AllocatedBytesPerOp,
        AllocatedPerImageByte = steady.AllocatedPerImageByte,
        OpsPerSecond = steady.OpsPerSecond,
        ContextSwitchesPerOp = steady.ContextSwitchesPerOp,
        P50Us = steady.P50Us,
        P99Us = steady.P99Us,
    };
}
