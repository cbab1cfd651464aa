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
    /// <summary>The file's rows as inputs.</summary>
    /// <param name="path">The file.</param>
    /// <param name="onBad">Takes each bad row and reading goes on; <see langword="null"/>: the first bad row ends the reading with its <see cref="UploadSourceException"/>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async IAsyncEnumerable<SourceInput> ReadAsync(string path, Action<UploadSourceException>? onBad, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecordReader(reader);
        var header = await ReadRecordAsync(records, path, cancellationToken).ConfigureAwait(false) ?? throw SourceRows.Error(path, 1, "the file is empty; the first row names the columns (url, file or text, and optionally id, concepts, negative_concepts, metadata).");
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (columns.FirstOrDefault(c => !InputRow.Fields.Contains(c)) is { } unknown)
        {
            throw SourceRows.Error(path, 1, $"unknown column '{unknown}'; the columns are {string.Join(", ", InputRow.Fields)}.");
        }

        if (!columns.Intersect(["url", "file", "text"]).Any()) throw SourceRows.Error(path, 1, "no url, file or text column.");

        while (true)
        {
            var line = records.Line;
            NewInput input;
            try
            {
                var cells = await ReadRecordAsync(records, path, cancellationToken).ConfigureAwait(false);
                if (cells is null) yield break;
                if (cells.Count == 1 && cells[0].Length == 0) continue; // a blank line
                if (cells.Count != columns.Length) throw SourceRows.Error(path, line, $"{cells.Count} cells where the header has {columns.Length}.");
                string? Cell(string name) => Array.IndexOf(columns, name) is var i and >= 0 && cells[i].Length > 0 ? cells[i] : null;
                var row = new InputRow(Cell("id"), Cell("url"), Cell("file"), Cell("text"), InputRow.SplitConcepts(Cell("concepts")), InputRow.SplitConcepts(Cell("negative_concepts")), Cell("metadata"));
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

    /// <summary>The next record; a quoting error or a read failure becomes the error of the record's first line.</summary>
    private static async Task<IReadOnlyList<string>?> ReadRecordAsync(CsvRecordReader records, string path, CancellationToken cancellationToken)
    {
        var line = records.Line;
        try
        {
            return await records.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw SourceRows.Error(path, line, e.Message, e);
        }
        catch (IOException e)
        {
            throw SourceRows.Error(path, line, $"the file cannot be read: {e.Message}", e);
        }
    }
}
