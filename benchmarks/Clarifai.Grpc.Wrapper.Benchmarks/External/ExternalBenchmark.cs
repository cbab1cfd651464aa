using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// <c>external</c> mode: the sink server in its own process on its own core, and each client scenario in a fresh
/// process on the other core, in interleaved rounds; prints each figure's min–max over the rounds and the ratios of
/// ours to the raw stub's, paired per round. See docs/benchmarks.md.
/// </summary>
internal static class ExternalBenchmark
{
    private static readonly string[] DefaultScenarios = ["upload-raw:10", "upload-ours:10", "upload-ours:16", "predict-raw", "predict-ours"];

    /// <summary>The suffix of a scenario run by the Native AOT client (<c>upload-raw:10@aot</c>).</summary>
    private const string NativeSuffix = "@aot";

    public static async Task<int> RunAsync(string[] args)
    {
        var inputs = 20_000;
        var calls = 5_000;
        var rounds = 3;
        var scenarios = DefaultScenarios;
        string? nativeClient = null, nativeTool = null, jitTool = null;
        var toolInputs = 5_000;
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--inputs": inputs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--scenarios": scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--native-client": nativeClient = Path.GetFullPath(Value()); break;
                case "--native-tool": nativeTool = Path.GetFullPath(Value()); break;
                case "--jit-tool": jitTool = Path.GetFullPath(Value()); break;
                case "--tool-inputs": toolInputs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Usage: external [--inputs N] [--calls N] [--rounds N] [--scenarios a,b,...] [--native-client PATH] [--native-tool PATH] [--jit-tool clarifai.dll] [--tool-inputs N]");
            }
        }

        if (scenarios.Any(s => s.EndsWith(NativeSuffix, StringComparison.Ordinal)) && nativeClient is null)
        {
            throw new ArgumentException($"Scenarios ending in {NativeSuffix} run the native client: publish benchmarks/Clarifai.Grpc.Wrapper.Benchmarks.NativeClient with PublishAot=true and pass --native-client PATH.");
        }

        var pinning = CpuPinning.Detect();
        Console.WriteLine($"Machine: {MachineDescription()}");
        Console.WriteLine($"Placement: {pinning}");
        Console.WriteLine($"Each round: {string.Join(", ", scenarios)}; {inputs:N0} inputs of {ImageContents.Size / 1024} KiB per upload run, {calls:N0} calls per prediction run, each after its own warm-up; {rounds} rounds, interleaved");
        Console.WriteLine("Each scenario runs twice per round: with default runtime settings (first call, whole process, memory) and fully optimized (steady CPU, allocations, throughput, latency)");

        using var sink = await StartSinkAsync(pinning);
        var results = scenarios.ToDictionary(s => s, _ => new List<ClientFigures>());
        var tools = new[] { ("clarifai (native)", nativeTool), ("clarifai (JIT)", jitTool) }.Where(t => t.Item2 is not null).ToDictionary(t => t.Item1, t => (Path: t.Item2!, Runs: new List<ToolFigures>()));
        using var toolRun = tools.Count > 0 ? ToolRun.Prepare(toolInputs) : null;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var scenario in scenarios)
            {
                var count = scenario.StartsWith("upload", StringComparison.Ordinal) ? inputs : calls;
                var cold = await RunClientAsync(pinning, scenario, nativeClient, sink.Endpoint, sink.Key, count, fullyOptimized: false);
                var steady = await RunClientAsync(pinning, scenario, nativeClient, sink.Endpoint, sink.Key, count, fullyOptimized: true);
                var figures = cold.WithSteadyFiguresOf(steady);
                results[scenario].Add(figures);
                Console.WriteLine($"round {round}: {scenario,-19} steady {figures.SteadyCpuUsPerOp,7:0.0} µs CPU/op, whole {figures.WholeCpuUsPerOp,7:0.0} µs/op, first call {figures.FirstCallCpuMs,5:0} ms CPU, {figures.OpsPerSecond,8:N0} op/s, peak RSS {figures.PeakRssMiB:0} MiB");
            }

            foreach (var (name, tool) in tools)
            {
                var figures = await toolRun!.MeasureAsync(pinning, tool.Path, sink.Endpoint, sink.Key, round);
                tool.Runs.Add(figures);
                Console.WriteLine($"round {round}: {name}: upload of {toolInputs:N0} inputs {figures.UploadCpuMs:0} ms CPU, peak RSS {figures.UploadPeakRssMiB:0} MiB; models list {figures.FirstCallCpuMs:0} ms CPU, peak RSS {figures.FirstCallPeakRssMiB:0} MiB");
            }
        }

        Console.WriteLine();
        Console.WriteLine(ExternalReport.Format(results, rounds));
        if (tools.Count > 0) Console.WriteLine(ExternalReport.FormatTools(tools.ToDictionary(t => t.Key, t => t.Value.Runs), toolInputs, results, rounds));
        return 0;
    }

    private static async Task<SinkProcess> StartSinkAsync(CpuPinning pinning)
    {
        var (file, arguments) = pinning.Command(CpuPinning.ServerCore, ["sink"]);
        var process = Start(file, arguments, redirectInput: true, new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        string? endpoint = null, key = null;
        while ((endpoint is null || key is null) && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("endpoint ", StringComparison.Ordinal)) endpoint = line["endpoint ".Length..];
            else if (line.StartsWith("key ", StringComparison.Ordinal)) key = line["key ".Length..];
        }

        if (endpoint is null || key is null)
        {
            process.Kill();
            throw new InvalidOperationException("The sink server did not start: " + await process.StandardError.ReadToEndAsync());
        }

        return new SinkProcess(process, endpoint, key);
    }

    /// <summary>
    /// Runs one client process. <paramref name="fullyOptimized"/>: with <c>DOTNET_TieredCompilation=0</c>, every method
    /// is fully optimized when first compiled. Pinned to one core, the runtime's tiering does not promote hot methods
    /// within a run (it waits for a quiet period, ten times longer on one core; measured: no tier-1 compilation in 5 s
    /// of uploading), so the steady figures of a default process would measure unoptimized code, and a run long
    /// enough to tier up would measure the JIT. A long-running service runs optimized code: the steady figures come
    /// from such processes, for both clients alike; first-call and whole-process figures from default ones.
    /// </summary>
    private static async Task<ClientFigures> RunClientAsync(CpuPinning pinning, string scenario, string? nativeClient, string endpoint, string key, int count, bool fullyOptimized)
    {
        // A scenario named …@aot runs in the Native AOT client (no JIT: its "fully optimized" run is the same code).
        var native = scenario.EndsWith(NativeSuffix, StringComparison.Ordinal);
        string[] clientArguments = ["client", native ? scenario[..^NativeSuffix.Length] : scenario, endpoint, key, count.ToString(CultureInfo.InvariantCulture)];
        var (file, arguments) = native ? pinning.Command(CpuPinning.ClientCore, nativeClient!, clientArguments) : pinning.Command(CpuPinning.ClientCore, clientArguments);
        using var process = Start(file, arguments, redirectInput: false, fullyOptimized ? new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" } : null);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var result = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(ClientRun.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null) throw new InvalidOperationException($"The client '{scenario}' failed (exit {process.ExitCode}): {await output}{await errors}");
        return JsonSerializer.Deserialize(result[ClientRun.ResultPrefix.Length..], ClientFiguresJson.Default.ClientFigures)!;
    }

    private static Process Start(string file, List<string> arguments, bool redirectInput, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? []) info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static string MachineDescription()
    {
        var cpu = OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
    }

    /// <summary>The running sink server; disposing closes its standard input, which ends it.</summary>
    private sealed record SinkProcess(Process Process, string Endpoint, string Key) : IDisposable
    {
        public void Dispose()
        {
            Process.StandardInput.Close();
            if (!Process.WaitForExit(10_000)) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
