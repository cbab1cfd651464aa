using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// An <see cref="IUploadCheckpoint"/> in one SQLite file per upload job: a table of the inputs the job finished, with
/// their outcome and status code. Open the same file on the next run to resume. Thread-safe (one connection, one
/// lock); written in WAL mode, so a crash loses at most the last few records — and an input recorded too late is only
/// sent again under its deterministic id, which Clarifai answers as a duplicate the uploader recognises as its own.
/// </summary>
/// <example><code>
/// using var checkpoint = SqliteUploadCheckpoint.Open("photos-2026-11.checkpoint.db");
/// var upload = clarifai.Uploads.UploadDirectoryAsync("photos", options: new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash });
/// </code></example>
public sealed class SqliteUploadCheckpoint : IUploadCheckpoint, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _lookup;
    private readonly SqliteCommand _insert;
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private bool _disposed;

    private SqliteUploadCheckpoint(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _lookup = connection.CreateCommand();
        _lookup.CommandText = "SELECT 1 FROM finished WHERE input_id = $id";
        _lookup.Parameters.Add("$id", SqliteType.Text);
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT OR REPLACE INTO finished (input_id, outcome, status_code, recorded_at) VALUES ($id, $outcome, $code, $at)";
        _insert.Parameters.Add("$id", SqliteType.Text);
        _insert.Parameters.Add("$outcome", SqliteType.Text);
        _insert.Parameters.Add("$code", SqliteType.Integer);
        _insert.Parameters.Add("$at", SqliteType.Text);
    }

    /// <summary>The file's path.</summary>
    public string Path => _connection.DataSource;

    /// <summary>Opens (or creates) the checkpoint file of a job.</summary>
    /// <param name="path">The file; created with its directory when missing.</param>
    /// <param name="timeProvider">The clock of the records' times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The checkpoint; dispose it when the upload has ended.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static SqliteUploadCheckpoint Open(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS finished (input_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, status_code INTEGER NOT NULL, recorded_at TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        return new SqliteUploadCheckpoint(connection, timeProvider ?? TimeProvider.System);
    }

    /// <summary>How many inputs the job has finished so far.</summary>
    /// <returns>The count.</returns>
    public long CountFinished()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var count = _connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM finished";
            return (long)count.ExecuteScalar()!;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> IsFinishedAsync(string inputId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lookup.Parameters["$id"].Value = inputId;
            return ValueTask.FromResult(_lookup.ExecuteScalar() is not null);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(UploadOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _insert.Parameters["$id"].Value = outcome.InputId;
            _insert.Parameters["$outcome"].Value = outcome.Kind.ToString();
            _insert.Parameters["$code"].Value = (int)outcome.Status.Code;
            _insert.Parameters["$at"].Value = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            _insert.ExecuteNonQuery();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _lookup.Dispose();
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
