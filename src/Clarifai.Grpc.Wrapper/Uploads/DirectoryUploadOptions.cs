using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>Which files <see cref="UploadService.UploadDirectoryAsync"/> takes, in which order, and how it labels them.</summary>
public sealed record DirectoryUploadOptions
{
    /// <summary>The file name pattern, for example <c>*.jpg</c>. Default <c>*</c> with <see cref="Extensions"/> deciding.</summary>
    public string SearchPattern { get; init; } = "*";

    /// <summary>Whether to include subfolders. Default <see langword="true"/>.</summary>
    public bool Recursive { get; init; } = true;

    /// <summary>The file extensions taken (case-insensitive). Default: the image formats Clarifai accepts.</summary>
    public IReadOnlyCollection<string> Extensions { get; init; } = [".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"];

    /// <summary>
    /// Whether each image gets the name of its folder as a positive concept (<c>cats/tom.jpg</c> → concept <c>cats</c>);
    /// files directly in the root folder get none. Default <see langword="false"/>.
    /// </summary>
    public bool ConceptFromFolderName { get; init; }

    /// <summary>
    /// The files an upload of <paramref name="directory"/> takes, in the order it takes them: those matching
    /// <see cref="SearchPattern"/> (in subfolders when <see cref="Recursive"/>) with one of the <see cref="Extensions"/>.
    /// The order is stable, so that "the files before this one" means the same on every run and a resume sees the
    /// same order: each folder's files by name (ordinal, case-sensitive), then each of its subfolders by name, the same
    /// way (symbolic links to folders are not followed). Enumerated lazily, one folder's names at a time; reads no image.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The files' full paths.</returns>
    public IEnumerable<string> FilesIn(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var extensions = new HashSet<string>(Extensions, StringComparer.OrdinalIgnoreCase);
        return Walk(Path.GetFullPath(directory)).Where(file => extensions.Contains(Path.GetExtension(file)));
    }

    /// <summary>
    /// The inputs an upload of <paramref name="directory"/> takes (<see cref="FilesIn"/>), read one at a time. A file
    /// that cannot be an input — empty, over 20 MB, not an image by its content (<c>notes.txt</c> renamed
    /// <c>notes.png</c>), gone since it was listed, or unreadable — ends the sequence with an
    /// <see cref="UploadSourceException"/> naming the file; or, when <paramref name="onUnreadable"/> is given, is
    /// passed to it and skipped.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="onUnreadable">Called with each file skipped; <see langword="null"/> to end at the first.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The inputs.</returns>
    public async IAsyncEnumerable<NewInput> ReadInputsAsync(string directory, Action<UploadSourceException>? onUnreadable = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = Path.GetFullPath(directory);
        using var files = FilesIn(root).GetEnumerator();
        while (true)
        {
            string file;
            try
            {
                if (!files.MoveNext()) yield break;
                file = files.Current;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder that cannot be listed ends the listing itself: nothing after it can be read.
                throw new UploadSourceException(directory, $"the folder cannot be listed: {e.Message}", e);
            }

            NewInput input;
            try
            {
                input = await ReadFileAsync(directory, file, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadSourceException e) when (onUnreadable is not null)
            {
                onUnreadable(e);
                continue;
            }

            yield return input;
        }
    }

    /// <summary>
    /// Reads one file of <paramref name="directory"/> as an upload of the folder does: checked (not empty, at most
    /// 20 MB, an image by its content) and labelled with its folder's name when <see cref="ConceptFromFolderName"/>.
    /// </summary>
    /// <param name="directory">The folder being uploaded.</param>
    /// <param name="file">One of its files (from <see cref="FilesIn"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input.</returns>
    /// <exception cref="UploadSourceException">The file cannot be an input; the message names it, as under <paramref name="directory"/>.</exception>
    public async Task<NewInput> ReadFileAsync(string directory, string file, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var root = Path.GetFullPath(directory);
        file = Path.GetFullPath(file, root);

        // Named as the caller named the folder, so that the message points where they look.
        var location = Path.Combine(directory, Path.GetRelativePath(root, file));
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UploadSourceException(location, "the file is gone (deleted or moved after the folder was listed).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UploadSourceException(location, "the file cannot be read: permission denied.", e);
        }
        catch (IOException e)
        {
            throw new UploadSourceException(location, $"the file cannot be read: {e.Message}", e);
        }

        if (bytes.Length == 0) throw new UploadSourceException(location, "the file is empty.", null);
        if (bytes.Length > ClarifaiLimits.MaxImageBytes) throw new UploadSourceException(location, $"the file is {bytes.Length:N0} bytes; Clarifai takes images of at most {ClarifaiLimits.MaxImageBytes:N0} bytes (20 MB).", null);
        if (!ImageSignature.IsImage(bytes)) throw new UploadSourceException(location, $"the file is not an image: its content is not {ImageSignature.Formats}.", null);
        var input = NewInput.FromBytes(UnsafeByteOperations.UnsafeWrap(bytes));
        var folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
        if (!ConceptFromFolderName || folder == ".") return input;
        try
        {
            return input.WithConcepts(Path.GetFileName(folder));
        }
        catch (ArgumentException e)
        {
            throw new UploadSourceException(location, $"its folder's name '{Path.GetFileName(folder)}' is not a valid concept id.", e);
        }
    }

    /// <summary>Every file matching <see cref="SearchPattern"/> under <paramref name="root"/>, in the documented order.</summary>
    private IEnumerable<string> Walk(string root)
    {
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.TryPop(out var folder))
        {
            var files = Directory.GetFiles(folder, SearchPattern, TopLevel);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files) yield return file;
            if (!Recursive) continue;
            var subfolders = Directory.GetDirectories(folder, "*", FoldersOnly);
            Array.Sort(subfolders, StringComparer.Ordinal);
            for (var i = subfolders.Length - 1; i >= 0; i--) folders.Push(subfolders[i]);
        }
    }

    private static readonly EnumerationOptions TopLevel = new() { AttributesToSkip = 0, MatchType = MatchType.Win32, IgnoreInaccessible = false };

    private static readonly EnumerationOptions FoldersOnly = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
}
