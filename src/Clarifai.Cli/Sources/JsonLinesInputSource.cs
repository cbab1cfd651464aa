using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>
/// Inputs from a JSON Lines file: one object per line with the fields of <see cref="InputRow.Fields"/>
/// (<c>concepts</c> and <c>negative_concepts</c> as arrays of ids, <c>metadata</c> as an object), read as a stream.
/// </summary>
internal static class JsonLinesInputSource
{
    public static async IAsyncEnumerable<NewInput> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            InputRow row;
            try
            {
                row = Row(text);
            }
            catch (Exception e) when (e is InvalidDataException or JsonException)
            {
                throw new SourceRowException(path, line, e.Message, e);
            }

            yield return await row.ToInputAsync(path, line, cancellationToken).ConfigureAwait(false);
        }
    }

    private static InputRow Row(string text)
    {
        using var document = JsonDocument.Parse(text);
        var row = document.RootElement;
        if (row.ValueKind != JsonValueKind.Object) throw new InvalidDataException("each line is a JSON object.");
        foreach (var field in row.EnumerateObject())
        {
            if (!InputRow.Fields.Contains(field.Name)) throw new InvalidDataException($"unknown field '{field.Name}'; the fields are {string.Join(", ", InputRow.Fields)}.");
        }

        return new InputRow(Text(row, "id"), Text(row, "url"), Text(row, "file"), Text(row, "text"), Ids(row, "concepts"), Ids(row, "negative_concepts"),
            row.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null ? Object(metadata) : null);
    }

    private static string? Text(JsonElement row, string name) => !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidDataException($"'{name}' is a string.");

    private static string[] Ids(JsonElement row, string name) => !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? []
        : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
        : throw new InvalidDataException($"'{name}' is an array of concept ids.");

    private static string Object(JsonElement value) => value.ValueKind == JsonValueKind.Object ? value.GetRawText() : throw new InvalidDataException("'metadata' is an object.");
}
