using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// A checkpoint path that cannot be used, made for real: a file that is not a database, a damaged database, a folder,
/// a read-only file or folder. Read-only is made with <c>chattr +i</c> where the tests run as root (root ignores
/// permission bits) and with permission bits otherwise; undone on dispose.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class BrokenCheckpoint : IDisposable
{
    private readonly string? _immutable;

    private BrokenCheckpoint(string path, string? immutable)
    {
        Path = path;
        _immutable = immutable;
    }

    /// <summary>The path to give as the checkpoint.</summary>
    public string Path { get; }

    public static async Task<BrokenCheckpoint> CreateAsync(string kind, string path)
    {
        switch (kind)
        {
            case "not-a-database":
                await File.WriteAllTextAsync(path, "id,outcome\nthis is a CSV, not a SQLite file\n");
                return new BrokenCheckpoint(path, null);
            case "malformed":
                using (var good = SqliteUploadCheckpoint.Open(path))
                {
                    await good.RecordSentAsync([new UploadCheckpointEntry("x", UploadCheckpointState.Sent, "h", DateTimeOffset.UnixEpoch)], default);
                }

                // Keep SQLite's 100-byte header (so it is recognised as a database), overwrite the schema page behind it.
                await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    file.Position = 100;
                    await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 4000).ToArray());
                }

                return new BrokenCheckpoint(path, null);
            case "a-folder":
                Directory.CreateDirectory(path);
                return new BrokenCheckpoint(path, null);
            case "read-only-file":
                using (SqliteUploadCheckpoint.Open(path))
                {
                }

                foreach (var leftover in new[] { "-wal", "-shm" }) File.Delete(path + leftover);
                return new BrokenCheckpoint(path, MakeReadOnly(path));
            case "read-only-folder":
                var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "locked")).FullName;
                return new BrokenCheckpoint(System.IO.Path.Combine(folder, "job.db"), MakeReadOnly(folder));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public void Dispose()
    {
        if (_immutable is null) return;
        if (Environment.UserName == "root") Run("chattr", "-i", _immutable);
        else File.SetUnixFileMode(_immutable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string MakeReadOnly(string path)
    {
        if (Environment.UserName == "root")
        {
            Run("chattr", "+i", path);
        }
        else
        {
            File.SetUnixFileMode(path, Directory.Exists(path) ? UnixFileMode.UserRead | UnixFileMode.UserExecute : UnixFileMode.UserRead);
        }

        return path;
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {error} (the read-only checkpoint cases need chattr as root, on a file system that has it)");
    }
}
