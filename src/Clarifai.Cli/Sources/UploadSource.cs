using System.Runtime.CompilerServices;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>
/// What <c>clarifai upload</c> reads: a folder of images, a CSV file or a JSON Lines file, told apart by what the path
/// is. A bad row ends the reading there, as the end of the file would, so that the rows before it are still uploaded
/// (and checkpointed); <see cref="BadRow"/> then says which row and why.
/// </summary>
internal sealed class UploadSource
{
    /// <summary>How a folder is read: the upload and the progress estimate walk the same files.</summary>
    private static readonly DirectoryUploadOptions Folder = new() { ConceptFromFolderName = true };

    private readonly string _path;
    private readonly SourceKind _kind;

    /// <exception cref="ArgumentException">The path is neither a folder nor a .csv, .jsonl or .ndjson file.</exception>
    public UploadSource(string path)
    {
        _path = path;
        _kind = Directory.Exists(path) ? SourceKind.Folder
            : !File.Exists(path) ? throw new ArgumentException($"'{path}' is neither a folder nor a file.")
            : Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => SourceKind.Csv,
                ".jsonl" or ".ndjson" => SourceKind.JsonLines,
                _ => throw new ArgumentException($"'{path}': upload reads a folder, a .csv file or a .jsonl (.ndjson) file."),
            };
    }

    private enum SourceKind
    {
        Folder,
        Csv,
        JsonLines,
    }

    /// <summary>The row that ended the reading early, or <see langword="null"/>.</summary>
    public SourceRowException? BadRow { get; private set; }

    /// <summary>Starts the upload of the source.</summary>
    public UploadOperation Start(ClarifaiClient clarifai, UploadOptions options, CancellationToken cancellationToken)
    {
        if (_kind == SourceKind.Folder) return clarifai.Uploads.UploadDirectoryAsync(_path, Folder, options, cancellationToken: cancellationToken);
        var rows = _kind == SourceKind.Csv ? CsvInputSource.ReadAsync(_path, cancellationToken) : JsonLinesInputSource.ReadAsync(_path, cancellationToken);
        return clarifai.Uploads.UploadAsync(UntilABadRow(rows, cancellationToken), options, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// About how many inputs the source holds (the folder's files the upload takes, the file's non-blank lines less a CSV's header),
    /// for the progress display's ETA: one quick pass that reads no image.
    /// </summary>
    public async Task<long> EstimateCountAsync(CancellationToken cancellationToken)
    {
        if (_kind == SourceKind.Folder) return Folder.FilesIn(_path).LongCount();

        long lines = 0;
        using var reader = new StreamReader(_path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line)) lines++;
        }

        return _kind == SourceKind.Csv ? Math.Max(0, lines - 1) : lines;
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
