using Clarifai.Cli;
using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// Runs the <c>clarifai</c> tool with arguments and returns its exit code and outputs: in this process by default, or —
/// when <see cref="CliProcess.NativeVariable"/> names a Native AOT build — as that executable, so that the same tests
/// check the shipped native program (CI: build/aot/run-native-checks.sh). A terminal session (<paramref name="interactive"/>)
/// cannot be reproduced in a child process with redirected output; it always runs in this process.
/// </summary>
internal static class ToolRun
{
    public static bool Native => Environment.GetEnvironmentVariable(CliProcess.NativeVariable) is { Length: > 0 };

    /// <summary>Runs the tool against <paramref name="emulator"/> as <paramref name="appId"/> (the connection options appended).</summary>
    public static Task<(int Exit, string Output, string Error)> AgainstAsync(ClarifaiEmulator emulator, string appId, string[] args, bool interactive = false) =>
        RunAsync([.. args, "--endpoint", emulator.Endpoint.ToString(), "--key", emulator.ApiKey, "--user", EmulatorClients.UserId, "--app", appId, "--insecure"], interactive);

    /// <summary>Runs the tool with exactly <paramref name="args"/>, with no CLARIFAI_* variable.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, bool interactive = false)
    {
        if (Native && !interactive)
        {
            using var cli = CliProcess.StartWithArguments(args);
            var code = await cli.WaitAsync(TimeSpan.FromMinutes(3));
            return (code, cli.Output, cli.Error);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ClarifaiCli.RunAsync(args, output, error, _ => null, interactive, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
