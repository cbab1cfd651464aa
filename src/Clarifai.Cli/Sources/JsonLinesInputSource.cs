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
    /// <summary>The file's lines as inputs.</summary>
    /// <param name="path">The file.</param>
    /// <param name="onBad">Takes each bad line and reading goes on; <see langword="null"/>: the first bad line ends the reading with its <see cref="UploadSourceException"/>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async IAsyncEnumerable<SourceInput> ReadAsync(string path, Action<UploadSourceException>? onBad, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (true)
        {
            line++;
            NewInput input;
            try
            {
                string? text;
                try
                {
                    text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw SourceRows.Error(path, line, $"the file cannot be read: {e.Message}", e);
                }

                if (text is null) yield break;
                if (string.IsNullOrWhiteSpace(text)) continue;
                InputRow row;
                try
                {
                    row = Row(text);
                }
                catch (JsonException e)
                {
                    throw SourceRows.Error(path, line, $"not valid JSON{(e.BytePositionInLine is { } column ? $" at column {column + 1}" : string.Empty)}: {CliMessages.Of(e)}", e);
                }
                catch (InvalidDataException e)
                {
                    throw SourceRows.Error(path, line, e.Message, e);
                }

                input = await row.ToInputAsync(path, line, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadSourceException e) when (onBad is not null)
            {
                onBad(e);
                continue;
            }

            yield return new SourceInput(input, SourceRows.Location(path, line));
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
