using System.Diagnostics;
using System.Reflection;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary>
/// The local server packed as users get it — the <c>Clarifai.LocalServer</c> tool package — into a folder feed, under
/// a version of its own so that no earlier package in the NuGet cache stands in for it. Packed from what the test
/// run has just built (no second build); the cached copy <c>dotnet tool exec</c> extracts is removed afterwards.
/// </summary>
internal sealed class LocalServerPackage : IDisposable
{
    private LocalServerPackage(string feed, string version)
    {
        Feed = feed;
        Version = version;
    }

    /// <summary>The folder holding the package.</summary>
    public string Feed { get; }

    /// <summary>The package's version.</summary>
    public string Version { get; }

    public static async Task<LocalServerPackage> PackAsync(CancellationToken cancellationToken)
    {
        var feed = Directory.CreateTempSubdirectory("clarifai-local-server-feed-").FullName;
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var configuration = typeof(LocalServerPackage).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var project = RepositoryLayout.PathOf("src", "Clarifai.Grpc.Emulator", "Clarifai.Grpc.Emulator.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "pack", project, "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}", "--nologo", "-v:q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = pack.StandardError.ReadToEndAsync(cancellationToken);
        await pack.WaitForExitAsync(cancellationToken);
        if (pack.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"Clarifai.LocalServer.{version}.nupkg")))
        {
            throw new InvalidOperationException($"Packing the local server failed ({pack.ExitCode}):\n{await output}\n{await errors}");
        }

        return new LocalServerPackage(feed, version);
    }

    public void Dispose()
    {
        Directory.Delete(Feed, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var extracted = Path.Combine(cache, "clarifai.localserver", Version);
        if (Directory.Exists(extracted)) Directory.Delete(extracted, recursive: true);
    }
}
