using System.Diagnostics;
using System.Globalization;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// The <c>clarifai</c> tool measured from outside, as a user runs it: <c>clarifai upload</c> of a folder of N image
/// files (the clients' 10 KiB contents) to the sink, and <c>clarifai models list</c> (start, one answered call, exit),
/// each under <c>/usr/bin/time</c> on the client core: the whole process's CPU and peak RSS.
/// </summary>
internal sealed class ToolRun : IDisposable
{
    private readonly string _folder;

    private ToolRun(string folder) => _folder = folder;

    /// <summary>A folder of <paramref name="inputs"/> files with the clients' contents, written once for every run.</summary>
    public static ToolRun Prepare(int inputs)
    {
        var folder = Directory.CreateTempSubdirectory("clarifai-bench-tool-").FullName;
        for (var i = 0; i < inputs; i++)
        {
            // The clients' contents behind a JPEG signature: the tool checks a file's first bytes before it sends it.
            var bytes = ImageContents.Of(i).ToByteArray();
            bytes[0] = 0xFF;
            bytes[1] = 0xD8;
            bytes[2] = 0xFF;
            bytes[3] = 0xE0;
            File.WriteAllBytes(Path.Combine(folder, $"image-{i:D6}.jpg"), bytes);
        }

        return new ToolRun(folder);
    }

    /// <summary>Runs the tool (a native executable, or <c>dotnet clarifai.dll</c>) and returns what it cost.</summary>
    public async Task<ToolFigures> MeasureAsync(CpuPinning pinning, string tool, string endpoint, string key, int round)
    {
        var upload = await TimeAsync(pinning, tool, ["upload", _folder, "--json", "--workers", "10"], endpoint, key, $"round{round}");
        var firstCall = await TimeAsync(pinning, tool, ["models", "list", "--json"], endpoint, key, $"round{round}");
        return new ToolFigures(upload.CpuMs, upload.PeakRssMiB, firstCall.CpuMs, firstCall.PeakRssMiB);
    }

    private static async Task<(double CpuMs, double PeakRssMiB)> TimeAsync(CpuPinning pinning, string tool, string[] command, string endpoint, string key, string app)
    {
        var timeFile = Path.GetTempFileName();
        List<string> program = tool.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", tool] : [tool];
        List<string> arguments = ["-f", "%U %S %M", "-o", timeFile, .. program, .. command, "--endpoint", endpoint, "--key", key, "--user", "bench", "--app", app, "--insecure"];
        var (file, args) = pinning.Pinned ? (pinning.Taskset!, (List<string>)["-c", CpuPinning.ClientCore.ToString(CultureInfo.InvariantCulture), "/usr/bin/time", .. arguments]) : ("/usr/bin/time", arguments);
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start /usr/bin/time.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} with {tool} failed (exit {process.ExitCode}): {await output}{await errors}");
        var parts = (await File.ReadAllTextAsync(timeFile)).Trim().Split(' ');
        File.Delete(timeFile);
        var cpuSeconds = double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
        return (cpuSeconds * 1000, double.Parse(parts[2], CultureInfo.InvariantCulture) / 1024);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>One run of the tool: an upload's whole-process CPU and peak RSS, and a one-call command's.</summary>
internal sealed record ToolFigures(double UploadCpuMs, double UploadPeakRssMiB, double FirstCallCpuMs, double FirstCallPeakRssMiB);
