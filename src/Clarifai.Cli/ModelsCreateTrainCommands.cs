using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary><c>clarifai models create &lt;id&gt; &lt;concepts…&gt;</c> and <c>clarifai models train &lt;id&gt;</c> (waits until trained).</summary>
internal static class ModelsCreateTrainCommands
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var id = new Argument<string>("id") { Description = "The model's id" };
        var concepts = new Argument<string[]>("concepts") { Description = "The concepts it learns", Arity = ArgumentArity.OneOrMore };
        var command = new Command("create", "Create a concept model.") { id, concepts };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var clarifai = new ClarifaiClient(options(parsed));
            var model = await clarifai.Models.CreateAsync(parsed.GetValue(id)!, parsed.GetValue(concepts)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            await WriteAsync(output, parsed.GetValue(json), model.Id, model.LatestVersion!).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Train(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var id = new Argument<string>("id") { Description = "The model's id" };
        var command = new Command("train", "Train a new version of a model and wait until it is trained.") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var clarifai = new ClarifaiClient(options(parsed));
            var version = await clarifai.ModelVersions.TrainAsync(parsed.GetValue(id)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                version = await clarifai.ModelVersions.WaitForTrainingAsync(version, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ClarifaiModelTrainingFailedException e) when (e.ModelVersion is { } failed)
            {
                await WriteAsync(output, parsed.GetValue(json), parsed.GetValue(id)!, failed).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await WriteAsync(output, parsed.GetValue(json), parsed.GetValue(id)!, version).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteAsync(TextWriter output, bool json, string modelId, ClarifaiModelVersion version) => json
        ? ClarifaiCli.WriteJsonAsync(output, new JsonObject { ["model"] = modelId, ["version"] = version.Id, ["state"] = version.State.ToString(), ["code"] = (int)version.Status.Code, ["description"] = version.Status.Description })
        : output.WriteLineAsync($"{modelId} version {version.Id}: {version.State} ({(int)version.Status.Code} {version.Status.Description})");
}
