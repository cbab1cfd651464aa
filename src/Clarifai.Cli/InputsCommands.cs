using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary><c>clarifai inputs list</c> and <c>clarifai inputs delete &lt;ids…&gt;</c>.</summary>
internal static class InputsCommands
{
    public static Command List(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var command = new Command("list", "List the app's inputs, every page.");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var clarifai = new ClarifaiClient(options(parsed));
            var inputs = new JsonArray();
            await foreach (var input in clarifai.Inputs.ListAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var concepts = string.Join(",", input.Concepts.Where(c => c.Value > 0.5f).Select(c => c.Id));
                if (parsed.GetValue(json)) inputs.Add(new JsonObject { ["id"] = input.Id, ["state"] = input.State.ToString(), ["concepts"] = new JsonArray([.. input.Concepts.Where(c => c.Value > 0.5f).Select(c => (JsonNode)c.Id)]) });
                else await output.WriteLineAsync($"{input.Id,-40} {input.State,-12} {concepts}").ConfigureAwait(false);
            }

            if (parsed.GetValue(json)) await ClarifaiCli.WriteJsonAsync(output, inputs).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Delete(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var ids = new Argument<string[]>("ids") { Description = "The inputs' ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete inputs by id.") { ids };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var list = parsed.GetValue(ids)!;
            await using var clarifai = new ClarifaiClient(options(parsed));
            await clarifai.Inputs.DeleteAsync(list, cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(json)) await ClarifaiCli.WriteJsonAsync(output, new JsonObject { ["deleted"] = list.Length }).ConfigureAwait(false);
            else await output.WriteLineAsync($"{list.Length} input(s) deleted").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
