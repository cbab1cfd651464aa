using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary><c>clarifai predict &lt;model&gt; &lt;input&gt;</c>: a model id or clarifai.com URL; a file (image), an http(s) URL (image), or a text.</summary>
internal static class PredictCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var model = new Argument<string>("model") { Description = "A model id of your app, or a clarifai.com model URL" };
        var input = new Argument<string>("input") { Description = "An image file, an image URL, or a text" };
        var command = new Command("predict", "Predict with a model.") { model, input };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var reference = ModelRef.Parse(parsed.GetValue(model)!);
            var value = parsed.GetValue(input)!;
            var modelInput = File.Exists(value) ? ModelInput.FromImage(await ImageSource.FromFileAsync(value, cancellationToken).ConfigureAwait(false))
                : Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? ModelInput.FromImage(ImageSource.FromUrl(url))
                : ModelInput.FromText(value);
            await using var clarifai = new ClarifaiClient(options(parsed));
            var prediction = await clarifai.Predictions.PredictAsync(reference, modelInput, options: null, cancellationToken: cancellationToken).ConfigureAwait(false);

            if (parsed.GetValue(json))
            {
                var concepts = new JsonArray();
                foreach (var concept in prediction.Concepts) concepts.Add(new JsonObject { ["id"] = concept.Id, ["name"] = concept.Name, ["value"] = Math.Round(concept.Value, 6) });
                await ClarifaiCli.WriteJsonAsync(output, new JsonObject { ["model"] = reference.ToString(), ["text"] = prediction.Text, ["concepts"] = concepts }).ConfigureAwait(false);
            }
            else
            {
                if (prediction.Text.Length > 0) await output.WriteLineAsync(prediction.Text).ConfigureAwait(false);
                foreach (var concept in prediction.Concepts) await output.WriteLineAsync($"{concept.Name,-30} {concept.Value:0.000}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
