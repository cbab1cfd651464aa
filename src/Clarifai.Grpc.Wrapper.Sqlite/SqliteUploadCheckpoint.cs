using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Clarifai.Grpc.Wrapper.Sqlite;

/// <summary>
/// An <see cref="IUploadCheckpoint"/> in one SQLite file per upload job: the scope it belongs to, the inputs the job
/// finished (with their outcome and status code) and the inputs it sent without a final outcome yet (with their
/// content hash and time). Open the same file on the next run to resume. Thread-safe (one connection, one lock);
/// written in WAL mode, so a crash loses at most the last few records — and an input recorded too late is only sent
/// again under its deterministic id, which Clarifai answers as a duplicate the uploader recognises as its own.
/// </summary>
/// <example><code>
/// using var checkpoint = SqliteUploadCheckpoint.Open("photos-2026-11.checkpoint.db");
/// var upload = clarifai.Uploads.UploadDirectoryAsync("photos", options: new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash });
/// </code></example>
public sealed class SqliteUploadCheckpoint : IUploadCheckpoint, IDisposable
{
    private const string DestinationKey = "destination";
    private const string SourceKey = "source";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _finished;
    private readonly SqliteCommand _sent;
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private bool _disposed;

    private SqliteUploadCheckpoint(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _finished = Command("SELECT 1 FROM finished WHERE input_id = $id", ("$id", SqliteType.Text));
        _sent = Command("SELECT content_hash, sent_at FROM sent WHERE input_id = $id", ("$id", SqliteType.Text));
    }

    /// <summary>The file's full path.</summary>
    public string Path => _connection.DataSource;

    /// <inheritdoc />
    public string Description => $"'{Path}'";

    /// <summary>Opens (or creates) the checkpoint file of a job, and checks that it can be written.</summary>
    /// <param name="path">The file; created with its directory when missing.</param>
    /// <param name="timeProvider">The clock of the records' times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The checkpoint; dispose it when the upload has ended.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="UploadCheckpointException">
    /// The file cannot be a checkpoint: it is not a SQLite database (or is damaged), or it or its folder cannot be
    /// created, read or written. The message names the file.
    /// </exception>
    public static SqliteUploadCheckpoint Open(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        SqliteConnection? connection = null;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, null, "PRAGMA journal_mode = WAL");
            Execute(connection, null, "PRAGMA synchronous = NORMAL");

            // A write at once, in an immediate transaction (the header's application id, which also marks the file as
            // a checkpoint): a file or folder that cannot be written fails here, not at the first record in the middle
            // of an upload. One statement per command, so that each one's failure is reported.
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                Execute(connection, transaction, "PRAGMA application_id = 1129072198");
                Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS finished (input_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, status_code INTEGER NOT NULL, recorded_at TEXT NOT NULL)");
                Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS sent (input_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, sent_at TEXT NOT NULL)");
                Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS scope (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
                transaction.Commit();
            }

            return new SqliteUploadCheckpoint(connection, timeProvider ?? TimeProvider.System);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            throw new UploadCheckpointException($"The checkpoint file '{full}' cannot be used: {Reason(e)}", e);
        }
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
    public ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            using var claim = _connection.CreateCommand();
            claim.Transaction = transaction;
            claim.CommandText = "INSERT OR IGNORE INTO scope (name, value) VALUES ($name, $value)";
            var name = claim.Parameters.Add("$name", SqliteType.Text);
            var value = claim.Parameters.Add("$value", SqliteType.Text);
            foreach (var (key, given) in new[] { (DestinationKey, scope.Destination), (SourceKey, scope.Source) })
            {
                if (given is null) continue;
                name.Value = key;
                value.Value = given;
                claim.ExecuteNonQuery();
            }

            using var read = _connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT name, value FROM scope";
            string? destination = null, source = null;
            using (var rows = read.ExecuteReader())
            {
                while (rows.Read())
                {
                    if (rows.GetString(0) == DestinationKey) destination = rows.GetString(1);
                    else if (rows.GetString(0) == SourceKey) source = rows.GetString(1);
                }
            }

            transaction.Commit();
            return ValueTask.FromResult(new UploadCheckpointScope(destination ?? scope.Destination, source));
        }
    }

    /// <inheritdoc />
    public ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _finished.Parameters["$id"].Value = inputId;
            if (_finished.ExecuteScalar() is not null) return ValueTask.FromResult<UploadCheckpointEntry?>(new UploadCheckpointEntry(inputId, UploadCheckpointState.Finished));
            _sent.Parameters["$id"].Value = inputId;
            using var row = _sent.ExecuteReader();
            if (!row.Read()) return ValueTask.FromResult<UploadCheckpointEntry?>(null);
            var sentAt = DateTimeOffset.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            return ValueTask.FromResult<UploadCheckpointEntry?>(new UploadCheckpointEntry(inputId, UploadCheckpointState.Sent, row.GetString(0), sentAt));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        Write("INSERT OR REPLACE INTO sent (input_id, content_hash, sent_at) VALUES ($id, $a, $b)", inputs, static entry =>
            (entry.InputId, entry.ContentHash, (entry.SentAt ?? DateTimeOffset.UtcNow).ToString("O", CultureInfo.InvariantCulture), null));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        cancellationToken.ThrowIfCancellationRequested();
        var at = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        Write("INSERT OR REPLACE INTO finished (input_id, outcome, status_code, recorded_at) VALUES ($id, $a, $c, $b)", outcomes, outcome =>
            (outcome.InputId, outcome.Kind.ToString(), at, (int)outcome.Status.Code), alsoForget: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _finished.Dispose();
            _sent.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>One transaction writing a row per item (and, for finished inputs, dropping their sent rows); <c>$c</c> is given only by statements that have it.</summary>
    private void Write<T>(string sql, IReadOnlyList<T> items, Func<T, (string Id, string A, string B, int? C)> row, bool alsoForget = false)
    {
        if (items.Count == 0) return;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            using var insert = Command(sql, ("$id", SqliteType.Text), ("$a", SqliteType.Text), ("$b", SqliteType.Text), ("$c", SqliteType.Integer));
            insert.Transaction = transaction;
            using var forget = Command("DELETE FROM sent WHERE input_id = $id", ("$id", SqliteType.Text));
            forget.Transaction = transaction;
            foreach (var item in items)
            {
                var (id, a, b, c) = row(item);
                insert.Parameters["$id"].Value = id;
                insert.Parameters["$a"].Value = a;
                insert.Parameters["$b"].Value = b;
                if (c is { } code) insert.Parameters["$c"].Value = code;
                insert.ExecuteNonQuery();
                if (!alsoForget) continue;
                forget.Parameters["$id"].Value = id;
                forget.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal)) command.Parameters.Add(name, type);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>What is wrong with the file, in words: SQLite's message without its "SQLite Error 26:" prefix.</summary>
    private static string Reason(Exception e) => e is SqliteException sqlite
        ? sqlite.SqliteErrorCode switch
        {
            26 => "it is not a SQLite database (or it is damaged).",
            11 => "the database is damaged (malformed).",
            8 => "it is read-only (the file or its folder cannot be written).",
            14 => "it cannot be opened (its folder cannot be written, or the path is not a file).",
            _ => sqlite.Message.Split(": ", 2) is [_, var rest] ? rest.TrimEnd('.') + "." : sqlite.Message,
        }
        : e.Message;
}
