using Clarifai.Grpc.Wrapper;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Cli.Sources;

/// <summary>
/// One row of a CSV or JSON Lines source, whatever its format: exactly one of <c>url</c>, <c>file</c> (relative to the
/// source's folder) or <c>text</c>; an optional <c>id</c>; <c>concepts</c> and <c>negative_concepts</c>; <c>metadata</c>
/// (a JSON object). The one rule turning a row into an input, and a bad row into an error naming its place, for both formats.
/// </summary>
internal sealed record InputRow(string? Id, string? Url, string? File, string? Text, IReadOnlyList<string> Concepts, IReadOnlyList<string> NegativeConcepts, string? MetadataJson)
{
    /// <summary>The column (CSV) and field (JSON) names.</summary>
    public static readonly string[] Fields = ["id", "url", "file", "text", "concepts", "negative_concepts", "metadata"];

    /// <summary>The input of this row, which is at <paramref name="line"/> of <paramref name="sourcePath"/>.</summary>
    /// <exception cref="UploadSourceException">The row names no content or more than one, or a value is invalid.</exception>
    public async Task<NewInput> ToInputAsync(string sourcePath, long line, CancellationToken cancellationToken)
    {
        var given = new[] { Url, File, Text }.Count(v => !string.IsNullOrEmpty(v));
        if (given != 1) throw SourceRows.Error(sourcePath, line, $"a row needs exactly one of url, file or text; it has {given}.");
        try
        {
            var input = !string.IsNullOrEmpty(Url) ? NewInput.FromUrl(Url)
                : !string.IsNullOrEmpty(File) ? await NewInput.FromFileAsync(Path.GetFullPath(File, Path.GetDirectoryName(Path.GetFullPath(sourcePath))!), cancellationToken).ConfigureAwait(false)
                : NewInput.FromText(Text!);
            if (!string.IsNullOrEmpty(Id)) input = input.WithId(Id);
            if (Concepts.Count > 0) input = input.WithConcepts([.. Concepts]);
            if (NegativeConcepts.Count > 0) input = input.WithoutConcepts([.. NegativeConcepts]);
            if (!string.IsNullOrWhiteSpace(MetadataJson)) input = input.WithMetadata(Struct.Parser.ParseJson(MetadataJson));
            return input;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException or Google.Protobuf.InvalidJsonException)
        {
            throw SourceRows.Error(sourcePath, line, CliMessages.Of(e), e);
        }
    }

    /// <summary>A list of concept ids written in one cell: separated by <c>;</c> or <c>|</c>, blanks dropped.</summary>
    public static IReadOnlyList<string> SplitConcepts(string? cell) =>
        string.IsNullOrWhiteSpace(cell) ? [] : [.. cell.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
