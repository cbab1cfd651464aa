using System.Globalization;
using Clarifai.Grpc.Wrapper.Benchmarks;
using Clarifai.Grpc.Wrapper.Benchmarks.External;

// dotnet run -c Release --project benchmarks/Clarifai.Grpc.Wrapper.Benchmarks -- --filter '*'      all BenchmarkDotNet benchmarks (in process)
// dotnet run -c Release --project benchmarks/Clarifai.Grpc.Wrapper.Benchmarks -- memory [count]   peak memory of a 100,000-input upload
// dotnet run -c Release --project benchmarks/Clarifai.Grpc.Wrapper.Benchmarks -- external [...]   sink server and clients in separate pinned processes
// The modes "sink" and "client" are the processes that "external" starts. Each mode lives in its own method, so a
// client process loads nothing of BenchmarkDotNet or of the others.
return args.FirstOrDefault() switch
{
    "memory" => await UploadMemoryMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000),
    "external" => await ExternalBenchmark.RunAsync(args),
    "sink" => await SinkHost.RunAsync(),
    "client" => await ClientRun.RunAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture)),
    _ => InProcessSuite.Run(args),
};
