namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The images of <c>https://samples.clarifai.com/…</c> when the emulator runs with <see cref="EmulatorOptions.OfflineSamples"/>:
/// each path is a deterministic generated scene (its palette and seed from a stable hash of the path), so a snippet's
/// own URLs work offline and give the same answer on every run. A path whose name says a warm thing (red, orange,
/// sunset, fire…) is warm, one that says a cold thing (blue, sea, ice, sky…) cold; others by the hash.
/// </summary>
internal static class OfflineSamples
{
    public const string Host = "samples.clarifai.com";

    private static readonly string[] WarmWords = ["red", "orange", "yellow", "sunset", "fire", "autumn", "truck"];
    private static readonly string[] ColdWords = ["blue", "sea", "ocean", "ice", "sky", "night", "water"];

    public static bool Serves(Uri url) => string.Equals(url.Host, Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>FNV-1a: the same on every run and platform (string.GetHashCode is randomized per process).</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }

    public static byte[] Image(Uri url)
    {
        var path = url.AbsolutePath.ToLowerInvariant();
        var hash = StableHash(path);
        var palette = WarmWords.Any(path.Contains) ? ScenePalette.Warm
            : ColdWords.Any(path.Contains) ? ScenePalette.Cold
            : (hash & 1) == 0 ? ScenePalette.Warm : ScenePalette.Cold;
        return SceneGenerator.Png(palette, (int)(hash % 100_000));
    }
}
