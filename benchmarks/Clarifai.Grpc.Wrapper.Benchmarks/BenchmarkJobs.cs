using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// The job of the upload benchmarks, in process (like every benchmark here: BenchmarkDotNet's separate build of the
/// whole solution, code generation included, would dwarf the run): a few monitored iterations (each uploads thousands of inputs), or — when
/// <c>CLARIFAI_BENCHMARK_DRY=1</c>, as CI sets it — one dry run, so that CI checks they work without timing them.
/// </summary>
public sealed class UploadJobConfig : ManualConfig
{
    public UploadJobConfig()
    {
        // In dry mode the global configuration's single dry job applies (see Program.cs).
        if (!BenchmarkMode.IsDry)
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}

/// <summary>Whether the benchmarks run in CI's dry mode.</summary>
internal static class BenchmarkMode
{
    public static bool IsDry => Environment.GetEnvironmentVariable("CLARIFAI_BENCHMARK_DRY") == "1";
}
