using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Running;
using Clarifai.Grpc.Wrapper.Benchmarks;

// dotnet run -c Release --project benchmarks/Clarifai.Grpc.Wrapper.Benchmarks -- --filter '*'      all BenchmarkDotNet benchmarks
// dotnet run -c Release --project benchmarks/Clarifai.Grpc.Wrapper.Benchmarks -- memory [count]   peak memory of a 100,000-input upload
if (args.Length > 0 && args[0] == "memory")
{
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    return await UploadMemoryMeasurement.RunAsync(count);
}

// In CI's dry mode every benchmark runs once, in this process, untimed: it only proves they still work.
var config = BenchmarkMode.IsDry
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
    : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault()).AddColumn(StatisticColumn.OperationsPerSecond);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(UnaryOverheadBenchmarks).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
