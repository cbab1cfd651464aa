using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Cli;

/// <summary>
/// <c>--arg name=value</c> of <c>clarifai predict --method</c>: the text read as the parameter's declared type — a number,
/// a bool, JSON for JSON and list/tuple/named-field parameters, a file path or an http(s) URL for images, audio and
/// video, a concept id for a concept.
/// </summary>
internal static class MethodArgumentText
{
    /// <summary>The arguments of <paramref name="pairs"/> (each <c>name=value</c>).</summary>
    /// <exception cref="ArgumentException">A pair has no <c>=</c>, names no parameter of the method, or its value cannot be the parameter's type.</exception>
    public static async Task<MethodArguments> ParseAsync(ModelMethod method, IEnumerable<string> pairs, CancellationToken cancellationToken)
    {
        var arguments = new MethodArguments();
        foreach (var pair in pairs)
        {
            var (name, text) = Split(pair);
            var field = method.FindParameter(name) ?? throw new ArgumentException($"--arg {name}: method '{method.Name}' has no parameter '{name}'; its parameters: {string.Join(", ", method.Parameters.Select(p => p.Name))}.");
            arguments.Add(name, await ValueAsync(field, text, cancellationToken).ConfigureAwait(false));
        }

        return arguments;
    }

    /// <summary>The name and the text of one <c>--arg name=value</c>.</summary>
    /// <exception cref="ArgumentException">It has no <c>=</c>, or no name before it.</exception>
    public static (string Name, string Text) Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new ArgumentException($"--arg '{pair}' is not name=value.");
        return (pair[..equals], pair[(equals + 1)..]);
    }

    /// <summary>One value read as <paramref name="field"/>'s type.</summary>
    /// <exception cref="ArgumentException">The text cannot be that type.</exception>
    public static async Task<object?> ValueAsync(MethodField field, string text, CancellationToken cancellationToken)
    {
        try
        {
            return field.Type switch
            {
                MethodValueType.Str or MethodValueType.Text or MethodValueType.Concept => text,
                MethodValueType.Int => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                MethodValueType.Float => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                MethodValueType.Bool => bool.Parse(text),
                MethodValueType.Bytes => await File.ReadAllBytesAsync(text, cancellationToken).ConfigureAwait(false),
                MethodValueType.Image => File.Exists(text) ? await ImageSource.FromFileAsync(text, cancellationToken).ConfigureAwait(false) : ImageSource.FromUrl(text),
                MethodValueType.Audio => File.Exists(text) ? ModelInput.FromAudioBytes(await File.ReadAllBytesAsync(text, cancellationToken).ConfigureAwait(false)) : ModelInput.FromAudioUrl(new Uri(text)),
                MethodValueType.Video => File.Exists(text) ? ModelInput.FromVideoBytes(await File.ReadAllBytesAsync(text, cancellationToken).ConfigureAwait(false)) : ModelInput.FromVideoUrl(new Uri(text)),
                MethodValueType.Json => JsonNode.Parse(text),
                MethodValueType.List or MethodValueType.Tuple => await ItemsAsync(field, JsonNode.Parse(text) as JsonArray ?? throw new FormatException("a JSON array"), cancellationToken).ConfigureAwait(false),
                MethodValueType.NamedFields => await FieldsAsync(field, JsonNode.Parse(text) as JsonObject ?? throw new FormatException("a JSON object"), cancellationToken).ConfigureAwait(false),
                _ => throw new FormatException($"a type the command line cannot read ({field.TypeName})"),
            };
        }
        catch (Exception invalid) when (invalid is FormatException or OverflowException or JsonException or UriFormatException)
        {
            throw new ArgumentException($"--arg {field.Name}: '{text}' is not {field.TypeName} ({invalid.Message}).", invalid);
        }
    }

    private static async Task<List<object?>> ItemsAsync(MethodField field, JsonArray items, CancellationToken cancellationToken)
    {
        var result = new List<object?>();
        for (var i = 0; i < items.Count; i++)
        {
            var type = field.Type == MethodValueType.List ? field.TypeArguments[0] : field.TypeArguments[i];
            result.Add(await ValueAsync(type, Text(items[i]), cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private static async Task<Dictionary<string, object?>> FieldsAsync(MethodField field, JsonObject fields, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var inner in field.TypeArguments)
        {
            if (fields[inner.Name] is { } value) result[inner.Name] = await ValueAsync(inner, Text(value), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>An item's text: a JSON string's value, else its JSON.</summary>
    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "null";
}
