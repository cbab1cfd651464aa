using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>The BenchmarkDotNet benchmarks of this assembly, in process (see <see cref="UploadJobConfig"/> for why).</summary>
internal static class InProcessSuite
{
    public static int Run(string[] args)
    {
        // In CI's dry mode every benchmark runs once, in this process, untimed: it only proves they still work.
        var config = BenchmarkMode.IsDry
            ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault()).AddColumn(StatisticColumn.OperationsPerSecond);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(InProcessSuite).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
