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
