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
}
