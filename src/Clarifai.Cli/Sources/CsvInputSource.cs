using System.Runtime.CompilerServices;
using System.Text;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>
/// Inputs from a CSV file (RFC 4180: a header row of <see cref="InputRow.Fields"/>, in any order; quoted cells may hold
/// commas, doubled quotes and line breaks), read as a stream: one row in memory at a time.
/// </summary>
internal static class CsvInputSource
{
    public static async IAsyncEnumerable<NewInput> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecordReader(reader);
        var header = await records.ReadAsync(cancellationToken).ConfigureAwait(false) ?? throw new SourceRowException(path, 1, "the file is empty; the first row names the columns (url, file or text, and optionally id, concepts, negative_concepts, metadata).");
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (columns.FirstOrDefault(c => !InputRow.Fields.Contains(c)) is { } unknown)
        {
            throw new SourceRowException(path, 1, $"unknown column '{unknown}'; the columns are {string.Join(", ", InputRow.Fields)}.");
        }

        if (!columns.Intersect(["url", "file", "text"]).Any()) throw new SourceRowException(path, 1, "no url, file or text column.");

        while (true)
        {
            var line = records.Line;
            var cells = await records.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (cells is null) yield break;
            if (cells.Count == 1 && cells[0].Length == 0) continue; // a blank line
            if (cells.Count != columns.Length) throw new SourceRowException(path, line, $"{cells.Count} cells where the header has {columns.Length}.");
            string? Cell(string name) => Array.IndexOf(columns, name) is var i and >= 0 && cells[i].Length > 0 ? cells[i] : null;
            var row = new InputRow(Cell("id"), Cell("url"), Cell("file"), Cell("text"), InputRow.SplitConcepts(Cell("concepts")), InputRow.SplitConcepts(Cell("negative_concepts")), Cell("metadata"));
            yield return await row.ToInputAsync(path, line, cancellationToken).ConfigureAwait(false);
        }
    }
}
