using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;
using Spectre.Console;

namespace Clarifai.Cli;

/// <summary>
/// The commands: <c>upload</c>, <c>predict</c> (an input, or any method by signature), <c>models list|create|train|methods</c>, <c>inputs list|delete</c>. Every command takes the connection options, prints
/// for people by default and JSON with <c>--json</c>, and exits with <see cref="ExitCodes"/>.
/// </summary>
internal static class ClarifaiCli
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the command line <paramref name="args"/>; never throws: every failure is an exit code and a line on <paramref name="error"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output: results, summaries, JSON. A failed write ends the command with <see cref="ExitCodes.OutputFailed"/>.</param>
    /// <param name="error">Standard error: one line per failure, never a stack trace, never a secret.</param>
    /// <param name="environment">Reads environment variables.</param>
    /// <param name="interactive">Whether output is a terminal (live progress).</param>
    /// <param name="cancellationToken">Cancels the command (a signal).</param>
    /// <param name="cancelledExitCode">The exit code once cancelled: 130 for SIGINT (default), 143 for SIGTERM.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, bool interactive, CancellationToken cancellationToken, Func<int>? cancelledExitCode = null)
    {
        output = new CheckedOutput(output);
        var secrets = new CliSecrets();
        var cancelled = cancelledExitCode ?? (() => ExitCodes.Cancelled);
        var endpoint = new Option<string?>("--endpoint") { Description = "The API address (default CLARIFAI_API_BASE, else https://api.clarifai.com); http:// needs --insecure", Recursive = true };
        var key = new Option<string?>("--key") { Description = "The personal access token or app key (default CLARIFAI_PAT)", Recursive = true };
        var user = new Option<string?>("--user") { Description = "The user id (default CLARIFAI_USER_ID)", Recursive = true };
        var app = new Option<string?>("--app") { Description = "The app id (default CLARIFAI_APP_ID)", Recursive = true };
        var insecure = new Option<bool>("--insecure") { Description = "Allow the key over plaintext http:// (a local server only)", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts instead of text", Recursive = true };

        var root = new RootCommand("The Clarifai command line: upload, predict, models, inputs.") { endpoint, key, user, app, insecure, json };
        Func<ParseResult, ClarifaiClientOptions> options = parsed =>
        {
            var configured = ClarifaiClientOptions.FromEnvironment(environment);
            if (parsed.GetValue(endpoint) is { } e)
            {
                configured.Endpoint = Uri.TryCreate(e, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--endpoint '{e}' is not an absolute URL.");
            }

            if (parsed.GetValue(key) is { } k) configured.ApiKey = k;
            secrets.Add(configured.ApiKey);
            if (parsed.GetValue(user) is { } u) configured.UserId = u;
            if (parsed.GetValue(app) is { } a) configured.AppId = a;
            configured.AllowInsecureCredentials = parsed.GetValue(insecure);
            return configured;
        };

        root.Subcommands.Add(UploadCommand.Create(options, json, output, error, interactive, secrets, cancelled));
        root.Subcommands.Add(PredictCommand.Create(options, json, output));
        var models = new Command("models", "Manage the app's models.");
        models.Subcommands.Add(ListCommand.Create<ClarifaiModel>(
            "List the app's models.", options, json, output,
            clarifai => clarifai.Models.ListAsync(),
            model => new JsonObject { ["id"] = model.Id, ["state"] = model.LatestVersion?.State.ToString() },
            model => $"{model.Id,-40} {model.LatestVersion?.State}"));
        models.Subcommands.Add(ModelsCreateTrainCommands.Create(options, json, output));
        models.Subcommands.Add(ModelsCreateTrainCommands.Train(options, json, output));
        models.Subcommands.Add(ModelMethodsCommand.Create(options, json, output));
        root.Subcommands.Add(models);
        var inputs = new Command("inputs", "Manage the app's inputs.");
        inputs.Subcommands.Add(InputsCommands.List(options, json, output));
        inputs.Subcommands.Add(InputsCommands.Delete(options, json, output));
        root.Subcommands.Add(inputs);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors) await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            // ProcessTerminationTimeout = null: the tool's own signal handling (Program.cs) cancels the token; System.CommandLine's
            // would cancel a token of its own that the catch below cannot tell from a failure.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return await FailAsync(error, e, cancellationToken.IsCancellationRequested ? cancelled() : null, secrets).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the one-line message of <paramref name="failure"/> and returns its exit code (<see cref="CliFailures"/>).</summary>
    public static Task<int> FailAsync(TextWriter error, Exception failure, int? cancelledCode, CliSecrets secrets) =>
        WriteFailureAsync(error, CliFailures.Describe(failure, cancelledCode, secrets));

    /// <summary>Writes a failure's one-line message on standard error and returns its exit code; a standard error that is gone leaves the code.</summary>
    public static async Task<int> WriteFailureAsync(TextWriter error, (int ExitCode, string Message) failure)
    {
        var (code, message) = failure;
        try
        {
            await error.WriteLineAsync(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Standard error is gone too: the exit code is all that is left to say it.
        }

        return code;
    }

    /// <summary>Writes a JSON value, indented.</summary>
    public static Task WriteJsonAsync(TextWriter output, JsonNode node) => output.WriteLineAsync(node.ToJsonString(Indented));

    /// <summary>A console for people's output on <paramref name="output"/>.</summary>
    public static IAnsiConsole Console(TextWriter output, bool interactive) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No, Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No });
}
