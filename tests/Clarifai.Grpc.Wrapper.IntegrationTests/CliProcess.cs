using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The <c>clarifai</c> tool as a real child process (<c>dotnet clarifai.dll …</c>, built beside the tests) against an
/// emulator, for what only a separate process can show: being killed mid-way, several workers at once, every command
/// path of the shipped program. With <c>CLARIFAI_CLI_NATIVE</c> set to a Native AOT build of the tool, the same tests
/// run that executable instead (CI runs them so: build/aot/run-native-checks.sh).
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    /// <summary>The variable that names a native executable of the tool to run instead of <c>dotnet clarifai.dll</c>.</summary>
    public const string NativeVariable = "CLARIFAI_CLI_NATIVE";

    private CliProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public string Error
    {
        get
        {
            lock (_error) return _error.ToString();
        }
    }

    /// <summary>Starts <c>clarifai</c> with <paramref name="args"/> and the emulator's connection options.</summary>
    public static CliProcess Start(ClarifaiEmulator emulator, string appId, params string[] args) => StartWithOutput(emulator, appId, standardOutput: null, args);

    /// <summary>
    /// Starts <c>clarifai</c> with its standard output sent to <paramref name="standardOutput"/> by a shell — a file such
    /// as <c>/dev/full</c>, or <c>&amp;-</c> to close it — or captured when <see langword="null"/>.
    /// </summary>
    public static CliProcess StartWithOutput(ClarifaiEmulator emulator, string appId, string? standardOutput, params string[] args) =>
        Start(standardOutput, [.. args, "--endpoint", emulator.Endpoint.ToString(), "--key", emulator.ApiKey, "--user", EmulatorClients.UserId, "--app", appId, "--insecure"]);

    /// <summary>Starts <c>clarifai</c> with exactly <paramref name="args"/> (no connection options added).</summary>
    public static CliProcess StartWithArguments(params string[] args) => Start(standardOutput: null, args);

    private static CliProcess Start(string? standardOutput, string[] args)
    {
        var native = Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? path : null;
        var program = native ?? "dotnet";
        var start = new ProcessStartInfo(standardOutput is null ? program : "bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (standardOutput is not null)
        {
            // exec: the shell becomes the tool, so the PID is the tool's and a signal sent to it reaches the tool.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"exec \"$0\" \"$@\" >{standardOutput}");
            start.ArgumentList.Add(program);
        }

        if (native is null) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clarifai.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);

        foreach (var variable in new[] { "CLARIFAI_PAT", "CLARIFAI_USER_ID", "CLARIFAI_APP_ID", "CLARIFAI_API_BASE" }) start.Environment.Remove(variable);
        var cli = new CliProcess(Process.Start(start)!);
        cli.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return; // the end of the stream, not a line
            lock (cli._output) cli._output.AppendLine(e.Data);
        };
        cli.Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (cli._error) cli._error.AppendLine(e.Data);
        };
        cli.Process.BeginOutputReadLine();
        cli.Process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits for the process to end (at most <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"clarifai did not finish within {timeout}. Output:\n{Output}\nError:\n{Error}");
        }

        Process.WaitForExit(); // the redirected streams are read to their end
        return Process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (SIGINT 2, SIGTERM 15) to the tool.</summary>
    public void Signal(int signal)
    {
        if (kill(Process.Id, signal) != 0) throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
