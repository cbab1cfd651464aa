using System.Runtime.CompilerServices;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>
/// What <c>clarifai upload</c> reads: a folder of images, a CSV file or a JSON Lines file, told apart by what the path
/// is. A bad row ends the reading there, as the end of the file would, so that the rows before it are still uploaded
/// (and checkpointed); <see cref="BadRow"/> then says which row and why.
/// </summary>
internal sealed class UploadSource(string path)
{
    /// <summary>The row that ended the reading early, or <see langword="null"/>.</summary>
    public SourceRowException? BadRow { get; private set; }

    /// <summary>Starts the upload of the source.</summary>
    /// <exception cref="ArgumentException">The path is neither a folder nor a .csv, .jsonl or .ndjson file.</exception>
    public UploadOperation Start(ClarifaiClient clarifai, UploadOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return clarifai.Uploads.UploadDirectoryAsync(path, new DirectoryUploadOptions { ConceptFromFolderName = true }, options, cancellationToken: cancellationToken);
        }

        if (!File.Exists(path)) throw new ArgumentException($"'{path}' is neither a folder nor a file.");
        var rows = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => CsvInputSource.ReadAsync(path, cancellationToken),
            ".jsonl" or ".ndjson" => JsonLinesInputSource.ReadAsync(path, cancellationToken),
            _ => throw new ArgumentException($"'{path}': upload reads a folder, a .csv file or a .jsonl (.ndjson) file."),
        };
        return clarifai.Uploads.UploadAsync(UntilABadRow(rows, cancellationToken), options, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// About how many inputs the source holds (files of the folder, non-blank lines of the file, less a CSV's header),
    /// for the progress display's ETA: one quick pass that reads no image.
    /// </summary>
    public async Task<long> EstimateCountAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).LongCount();
        if (!File.Exists(path)) return 0;
        long lines = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line)) lines++;
        }

        return Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? Math.Max(0, lines - 1) : lines;
    }

    private async IAsyncEnumerable<NewInput> UntilABadRow(IAsyncEnumerable<NewInput> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (SourceRowException e)
            {
                BadRow = e;
                yield break;
            }

            yield return enumerator.Current;
        }
    }
}
