using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary>The one shape of the <c>list</c> commands: every page of a pageable, one line per item or one JSON array.</summary>
internal static class ListCommand
{
    public static Command Create<T>(string description, Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output, Func<ClarifaiClient, IAsyncEnumerable<T>> list, Func<T, JsonObject> toJson, Func<T, string> toLine)
    {
        var command = new Command("list", description);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var clarifai = new ClarifaiClient(options(parsed));
            var items = new JsonArray();
            await foreach (var item in list(clarifai).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (parsed.GetValue(json)) items.Add((JsonNode)toJson(item));
                else await output.WriteLineAsync(toLine(item)).ConfigureAwait(false);
            }

            if (parsed.GetValue(json)) await ClarifaiCli.WriteJsonAsync(output, items).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
