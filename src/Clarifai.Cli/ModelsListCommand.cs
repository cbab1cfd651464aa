using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary><c>clarifai models list</c>: the app's models, every page.</summary>
internal static class ModelsListCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var command = new Command("list", "List the app's models.");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var clarifai = new ClarifaiClient(options(parsed));
            var models = new JsonArray();
            await foreach (var model in clarifai.Models.ListAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (parsed.GetValue(json)) models.Add(new JsonObject { ["id"] = model.Id, ["state"] = model.LatestVersion?.State.ToString() });
                else await output.WriteLineAsync($"{model.Id,-40} {model.LatestVersion?.State}").ConfigureAwait(false);
            }

            if (parsed.GetValue(json)) await ClarifaiCli.WriteJsonAsync(output, models).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
