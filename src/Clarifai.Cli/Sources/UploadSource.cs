using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>
/// What <c>clarifai upload</c> reads: a folder of images, a CSV file or a JSON Lines file, told apart by what the path
/// is. A bad row or file ends the reading there with an <see cref="UploadSourceException"/> naming it — after the
/// library has sent and reported everything read before it — or, when bad entries are skipped, is kept in
/// <see cref="Skipped"/> and reading goes on. Remembers where each input came from, for messages about it.
/// </summary>
internal sealed class UploadSource
{
    /// <summary>How a folder is read: the upload and the progress estimate walk the same files, in the same order.</summary>
    private static readonly DirectoryUploadOptions Folder = new() { ConceptFromFolderName = true };

    private readonly string _path;
    private readonly SourceKind _kind;
    private readonly bool _skipBad;
    private readonly ConcurrentQueue<UploadSourceException> _skipped = new();

    /// <summary>Where each input in flight came from; an entry lives as long as its input.</summary>
    private readonly ConditionalWeakTable<NewInput, string> _origins = [];

    /// <param name="path">A folder, or a .csv, .jsonl or .ndjson file.</param>
    /// <param name="skipBad">Whether a bad row or file is skipped (and kept in <see cref="Skipped"/>) instead of ending the reading.</param>
    /// <exception cref="ArgumentException">The path is neither a folder nor a .csv, .jsonl or .ndjson file.</exception>
    public UploadSource(string path, bool skipBad)
    {
        _path = path;
        _skipBad = skipBad;
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

    /// <summary>The source's name, as a checkpoint's scope records it.</summary>
    public string Name => UploadOptions.SourceNameOf(_path);

    /// <summary>The bad rows or files skipped so far (only when skipping).</summary>
    public IReadOnlyCollection<UploadSourceException> Skipped => _skipped;

    /// <summary>Starts the upload of the source.</summary>
    public UploadOutcomes Start(ClarifaiClient clarifai, UploadOptions options, CancellationToken cancellationToken) =>
        clarifai.Uploads.UploadAsync(ReadAsync(cancellationToken), options with { SourceName = Name }, cancellationToken: cancellationToken);

    /// <summary>Where <paramref name="input"/> came from (<c>inputs.csv:12</c>, a file's path), or <see langword="null"/>.</summary>
    public string? OriginOf(NewInput input) => _origins.TryGetValue(input, out var origin) ? origin : null;

    /// <summary>
    /// The files of a folder source that the upload leaves out because their extension is not an image's, in the
    /// folder's order; empty for other sources.
    /// </summary>
    public IEnumerable<string> IgnoredFiles()
    {
        if (_kind != SourceKind.Folder) return [];
        var extensions = new HashSet<string>(Folder.Extensions, StringComparer.OrdinalIgnoreCase);
        return Directory.EnumerateFiles(Path.GetFullPath(_path), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(file => !extensions.Contains(Path.GetExtension(file)))
            .Select(file => Path.Combine(_path, Path.GetRelativePath(Path.GetFullPath(_path), file)))
            .Order(StringComparer.Ordinal);
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

    private async IAsyncEnumerable<NewInput> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Action<UploadSourceException>? onBad = _skipBad ? _skipped.Enqueue : null;
        var rows = _kind switch
        {
            SourceKind.Csv => CsvInputSource.ReadAsync(_path, onBad, cancellationToken),
            SourceKind.JsonLines => JsonLinesInputSource.ReadAsync(_path, onBad, cancellationToken),
            _ => FolderInputs(onBad, cancellationToken),
        };
        await foreach (var (input, origin) in rows.ConfigureAwait(false))
        {
            _origins.AddOrUpdate(input, origin);
            yield return input;
        }
    }

    /// <summary>The folder's files in the library's order, each read by the library's one rule for a folder's file.</summary>
    private async IAsyncEnumerable<SourceInput> FolderInputs(Action<UploadSourceException>? onBad, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Folder.FilesIn(_path))
        {
            NewInput input;
            try
            {
                input = await Folder.ReadFileAsync(_path, file, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadSourceException e) when (onBad is not null)
            {
                onBad(e);
                continue;
            }

            yield return new SourceInput(input, Path.Combine(_path, Path.GetRelativePath(Path.GetFullPath(_path), file)));
        }
    }
}
