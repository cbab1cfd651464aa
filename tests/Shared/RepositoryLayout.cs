using System.Reflection;

namespace Clarifai.Grpc.Wrapper.TestSupport;

/// <summary>
/// Where the repository lives, for tests that read its docs or write review files next to its sources.
/// </summary>
/// <remarks>
/// Not from <c>[CallerFilePath]</c>: a CI build maps source paths to <c>/_/</c> (ContinuousIntegrationBuild),
/// so the compiled-in file path names no real directory. The build stamps the root into the test assembly instead
/// (tests/Directory.Build.props).
/// </remarks>
internal static class RepositoryLayout
{
    /// <summary>The repository's root directory, as the build saw it.</summary>
    public static string Root { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("The test assembly carries no RepositoryRoot metadata; see tests/Directory.Build.props.");

    /// <summary>A path below the repository root, from its parts.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
