using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary><c>clarifai inputs list</c> and <c>clarifai inputs delete &lt;ids…&gt;</c>.</summary>
internal static class InputsCommands
{
    public static Command List(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output) =>
        ListCommand.Create<ClarifaiInput>(
            "List the app's inputs, every page.", options, json, output,
            clarifai => clarifai.Inputs.ListAsync(),
            input => new JsonObject { ["id"] = input.Id, ["state"] = input.State.ToString(), ["concepts"] = new JsonArray([.. Positive(input).Select(c => (JsonNode)c)]) },
            input => $"{input.Id,-40} {input.State,-12} {string.Join(",", Positive(input))}");

    private static IEnumerable<string> Positive(ClarifaiInput input) => input.Concepts.Where(c => c.Value > 0.5f).Select(c => c.Id);

    public static Command Delete(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var ids = new Argument<string[]>("ids") { Description = "The inputs' ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete inputs by id.") { ids };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var list = parsed.GetValue(ids)!;
            await using var clarifai = new ClarifaiClient(options(parsed));
            await clarifai.Inputs.DeleteAsync(list, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(json)) await ClarifaiCli.WriteJsonAsync(output, new JsonObject { ["deleted"] = list.Length }).ConfigureAwait(false);
            else await output.WriteLineAsync($"{list.Length} input(s) deleted").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
