namespace Clarifai.Grpc.Wrapper;

/// <summary>Which files <see cref="UploadService.UploadDirectoryAsync"/> takes and how it labels them.</summary>
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
    /// Enumerated lazily; lets a caller count or preview an upload without reading any image.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The files' full paths.</returns>
    public IEnumerable<string> FilesIn(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var extensions = new HashSet<string>(Extensions, StringComparer.OrdinalIgnoreCase);
        return Directory.EnumerateFiles(Path.GetFullPath(directory), SearchPattern, Recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(file => extensions.Contains(Path.GetExtension(file)));
    }
}
