using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Cli;

/// <summary><c>clarifai models methods &lt;model&gt;</c>: the model's method signatures, or that it is of the older kind.</summary>
internal static class ModelMethodsCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var model = new Argument<string>("model") { Description = "A model id of your app, or a clarifai.com model URL" };
        var command = new Command("methods", "Print a model's methods (its signatures), as Python writes them.") { model };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var reference = ModelRef.Parse(parsed.GetValue(model)!);
            await using var clarifai = new ClarifaiClient(options(parsed));
            var methods = await clarifai.Methods.GetAsync(reference, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(json))
            {
                await ClarifaiCli.WriteJsonAsync(output, new JsonObject
                {
                    ["model"] = reference.ToString(),
                    ["older_kind"] = methods.IsOlderKind,
                    ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)Json(m))]),
                }).ConfigureAwait(false);
            }
            else if (methods.IsOlderKind)
            {
                await output.WriteLineAsync($"{reference} has no method signatures (a model of the older kind): predict, generate and stream take an input.").ConfigureAwait(false);
            }
            else
            {
                foreach (var method in methods)
                {
                    await output.WriteLineAsync($"{method}    # {method.Kind.ToString().ToLowerInvariant()}").ConfigureAwait(false);
                    if (method.Description.Length > 0) await output.WriteLineAsync($"    {method.Description.Split('\n')[0]}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject Json(ModelMethod method) => new()
    {
        ["name"] = method.Name,
        ["kind"] = method.Kind.ToString().ToLowerInvariant(),
        ["signature"] = method.ToString(),
        ["description"] = method.Description,
        ["parameters"] = new JsonArray([.. method.Parameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["type"] = p.TypeName,
            ["required"] = p.IsRequired,
            ["default"] = p.Default,
            ["is_param"] = p.IsParam,
            ["streamed"] = p.IsStreamed,
            ["description"] = p.Description,
        })]),
        ["returns"] = method.Returns.TypeName,
    };
}
