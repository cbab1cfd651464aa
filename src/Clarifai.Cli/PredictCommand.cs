using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Cli;

/// <summary>
/// <c>clarifai predict &lt;model&gt; &lt;input&gt;</c>: a model id or clarifai.com URL; a file (image), an http(s) URL
/// (image), or a text. <c>clarifai predict &lt;model&gt; --method &lt;m&gt; --arg name=value …</c> calls any method by its
/// signature: unary methods print their result, generate and stream methods each result as it arrives (a stream
/// method's streamed parameter takes the <c>--item</c> values, one per message); <c>--json</c> prints JSON (one line
/// per result for generate and stream).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output)
    {
        var model = new Argument<string>("model") { Description = "A model id of your app, or a clarifai.com model URL" };
        var input = new Argument<string?>("input") { Description = "An image file, an image URL, or a text (without --method)", Arity = ArgumentArity.ZeroOrOne };
        var method = new Option<string?>("--method") { Description = "Call this method of the model by its signature (see 'clarifai models methods')" };
        var arg = new Option<string[]>("--arg") { Description = "An argument of the method, name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var item = new Option<string[]>("--item") { Description = "A value of a stream method's streamed parameter, one per message (repeatable)" };
        var command = new Command("predict", "Predict with a model, or call one of its methods.") { model, input, method, arg, item };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var reference = ModelRef.Parse(parsed.GetValue(model)!);
            if (parsed.GetValue(method) is { } name)
            {
                if (parsed.GetValue(input) is not null) throw new ArgumentException("With --method, pass the arguments with --arg name=value, not as an input.");
                await using var client = new ClarifaiClient(options(parsed));
                return await CallMethodAsync(client, reference, name, parsed.GetValue(arg) ?? [], parsed.GetValue(item) ?? [], parsed.GetValue(json), output, cancellationToken).ConfigureAwait(false);
            }

            if (parsed.GetValue(arg) is { Length: > 0 } || parsed.GetValue(item) is { Length: > 0 }) throw new ArgumentException("--arg and --item go with --method.");
            var value = parsed.GetValue(input) ?? throw new ArgumentException("Give an input (an image file, an image URL or a text), or --method with --arg.");
            var modelInput = File.Exists(value) ? ModelInput.FromImage(await ImageSource.FromFileAsync(value, cancellationToken).ConfigureAwait(false))
                : Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? ModelInput.FromImage(ImageSource.FromUrl(url))
                : ModelInput.FromText(value);
            await using var clarifai = new ClarifaiClient(options(parsed));
            var prediction = await clarifai.Predictions.PredictAsync(reference, modelInput, options: null, cancellationToken: cancellationToken).ConfigureAwait(false);

            if (parsed.GetValue(json))
            {
                var concepts = new JsonArray();
                foreach (var concept in prediction.Concepts) concepts.Add((JsonNode)new JsonObject { ["id"] = concept.Id, ["name"] = concept.Name, ["value"] = Math.Round(concept.Value, 6) });
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

    private static async Task<int> CallMethodAsync(ClarifaiClient clarifai, ModelRef model, string name, string[] pairs, string[] items, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var methods = await clarifai.Methods.GetAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
        var signature = methods.IsOlderKind ? null : methods.Get(name);
        var arguments = signature is null ? OlderKindArguments(pairs) : await MethodArgumentText.ParseAsync(signature, pairs, cancellationToken).ConfigureAwait(false);
        var kind = signature?.Kind ?? name switch { "generate" => ModelMethodKind.Generate, "stream" => ModelMethodKind.Stream, _ => ModelMethodKind.Unary };
        if (kind != ModelMethodKind.Stream && items.Length > 0) throw new ArgumentException($"--item goes with a stream method; '{name}' is a {kind.ToString().ToLowerInvariant()} method.");

        switch (kind)
        {
            case ModelMethodKind.Unary:
                var result = await clarifai.Methods.CallAsync(model, name, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (json) await ClarifaiCli.WriteJsonAsync(output, MethodResultJson.Line(result)).ConfigureAwait(false);
                else await output.WriteLineAsync(MethodResultJson.Text(result.Value)).ConfigureAwait(false);
                break;
            case ModelMethodKind.Generate:
                await PrintAsync(clarifai.Methods.GenerateAsync(model, name, arguments, cancellationToken: cancellationToken), json, output, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var streamed = signature?.StreamedParameter;
                var values = new List<object?>();
                foreach (var text in items) values.Add(streamed is null ? text : await MethodArgumentText.ValueAsync(streamed, text, cancellationToken).ConfigureAwait(false));
                await PrintAsync(clarifai.Methods.StreamAsync(model, name, arguments, values.ToAsyncEnumerable(), cancellationToken: cancellationToken), json, output, cancellationToken).ConfigureAwait(false);
                break;
        }

        return ExitCodes.Success;
    }

    /// <summary>Each result as it arrives: text as the model writes it (one line at the end), or one JSON line per result.</summary>
    private static async Task PrintAsync(IAsyncEnumerable<MethodResult> results, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await foreach (var result in results.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (json) await output.WriteLineAsync(MethodResultJson.Line(result).ToJsonString()).ConfigureAwait(false);
            else await output.WriteAsync(MethodResultJson.Text(result.Value)).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!json) await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>A model of the older kind: each value as text (the first is the prompt), numbers and bools as such.</summary>
    private static MethodArguments OlderKindArguments(string[] pairs)
    {
        var arguments = new MethodArguments();
        foreach (var pair in pairs)
        {
            var (name, text) = MethodArgumentText.Split(pair);
            arguments.Add(name, double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : bool.TryParse(text, out var flag) ? flag : text);
        }

        return arguments;
    }
}
