namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// Where the sink server and the clients run: on Linux with two cores or more and <c>taskset</c> (util-linux), the
/// server on core 0 and each client on core 1, so that neither's cost hides behind the other's; otherwise unpinned.
/// </summary>
internal sealed record CpuPinning(string? Taskset)
{
    public const int ServerCore = 0;
    public const int ClientCore = 1;

    public bool Pinned => Taskset is not null;

    public static CpuPinning Detect()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2) return new CpuPinning((string?)null);
        var taskset = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "taskset"))
            .FirstOrDefault(File.Exists);
        return new CpuPinning(taskset);
    }

    /// <summary>The command that starts this benchmark program with <paramref name="arguments"/> on <paramref name="core"/> (or anywhere when unpinned).</summary>
    public (string FileName, List<string> Arguments) Command(int core, IEnumerable<string> arguments)
    {
        var self = new List<string>();
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        self.Add(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") self.Add(typeof(CpuPinning).Assembly.Location);
        self.AddRange(arguments);
        if (Taskset is null) return (self[0], self.Skip(1).ToList());
        return (Taskset, ["-c", core.ToString(System.Globalization.CultureInfo.InvariantCulture), .. self]);
    }

    /// <summary>The command that starts <paramref name="program"/> (another executable) with <paramref name="arguments"/> on <paramref name="core"/>.</summary>
    public (string FileName, List<string> Arguments) Command(int core, string program, IEnumerable<string> arguments) =>
        Taskset is null ? (program, arguments.ToList()) : (Taskset, ["-c", core.ToString(System.Globalization.CultureInfo.InvariantCulture), program, .. arguments]);

    public override string ToString() =>
        Pinned ? $"sink server pinned to core {ServerCore}, each client to core {ClientCore} (taskset)" : "NOT pinned (needs Linux, 2 cores and taskset): server and client share the cores";
}
