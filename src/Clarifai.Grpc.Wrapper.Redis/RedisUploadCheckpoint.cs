using System.Globalization;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper.Redis;

/// <summary>
/// An <see cref="IUploadCheckpoint"/> in Redis, shared by every worker of one upload job: three hashes per job —
/// <c>clarifai:upload:{job}:finished</c> (input id → outcome and status code), <c>…:sent</c> (input id → content hash
/// and time, until the input is finished) and <c>…:scope</c> (the app and source the job belongs to). Workers that
/// split a job (<see cref="UploadOptions.Partition"/>) or take over from a crashed one see each other's records at
/// once. Thread-safe.
/// </summary>
/// <remarks>
/// A record is as durable as the Redis server's persistence (RDB/AOF) makes it. A record lost with a Redis restart
/// only costs a resend under the input's deterministic id, which Clarifai answers as a duplicate that the uploader
/// recognises as its own, so nothing is created twice. A Redis that fails or refuses a write (an ACL without write
/// rights) ends the upload with an <see cref="UploadCheckpointException"/> naming the server and the job (never its
/// password), after every input read has its outcome. Delete the job's keys (<see cref="DeleteAsync"/>) when the job
/// is done for good.
/// </remarks>
/// <example><code>
/// var redis = await ConnectionMultiplexer.ConnectAsync("redis.internal:6379");
/// var checkpoint = new RedisUploadCheckpoint(redis.GetDatabase(), "photos-2026-11");
/// var upload = clarifai.Uploads.UploadDirectoryAsync("photos", options: new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, Partition = UploadPartition.Parse("0/4") });
/// </code></example>
public sealed class RedisUploadCheckpoint : IUploadCheckpoint
{
    /// <summary>Sets each part of the scope only if it is not set yet, then returns both: one atomic step for every worker.</summary>
    private const string ClaimScript = """
        if ARGV[1] ~= '' then redis.call('HSETNX', KEYS[1], 'destination', ARGV[1]) end
        if ARGV[2] ~= '' then redis.call('HSETNX', KEYS[1], 'source', ARGV[2]) end
        return redis.call('HMGET', KEYS[1], 'destination', 'source')
        """;

    private readonly IDatabase _redis;
    private readonly RedisKey _sentKey;
    private readonly RedisKey _scopeKey;

    /// <summary>Opens the checkpoint of a job.</summary>
    /// <param name="redis">The Redis database (<c>multiplexer.GetDatabase()</c>); the caller owns the connection.</param>
    /// <param name="jobId">The job's name: every worker and every re-run of the job gives the same one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty or has white space or control characters.</exception>
    public RedisUploadCheckpoint(IDatabase redis, string jobId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (jobId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) throw new ArgumentException("A job id has no white space or control characters.", nameof(jobId));
        _redis = redis;
        JobId = jobId;
        Key = $"clarifai:upload:{jobId}:finished";
        _sentKey = $"clarifai:upload:{jobId}:sent";
        _scopeKey = $"clarifai:upload:{jobId}:scope";
    }

    /// <summary>The job's name.</summary>
    public string JobId { get; }

    /// <summary>The Redis key of the job's finished inputs.</summary>
    public string Key { get; }

    /// <inheritdoc />
    /// <remarks>The server's address and the job, e.g. <c>Redis 10.0.0.5:6379, job 'photos-2026-11'</c>: never a password.</remarks>
    public string Description =>
        $"Redis {string.Join(", ", _redis.Multiplexer.GetEndPoints().Select(EndPointText))}, job '{JobId}'";

    private static string EndPointText(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        System.Net.IPEndPoint ip => ip.ToString(),
        _ => endPoint.ToString() ?? "?",
    };

    /// <summary>How many inputs the job has finished so far, by all its workers.</summary>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <returns>The count.</returns>
    public Task<long> CountFinishedAsync(CancellationToken cancellationToken = default) =>
        _redis.HashLengthAsync(Key).WaitAsync(cancellationToken);

    /// <summary>Deletes the job's records and scope, so that the next run starts from nothing.</summary>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <returns>A task that completes when the records are gone.</returns>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        _redis.KeyDeleteAsync([Key, _sentKey, _scopeKey]).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var result = (RedisValue[]?)await _redis.ScriptEvaluateAsync(ClaimScript, [_scopeKey], [scope.Destination, scope.Source ?? string.Empty]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var destination = result is [var d, _] && d.HasValue ? d.ToString() : scope.Destination;
        var source = result is [_, var s] && s.HasValue ? s.ToString() : null;
        return new UploadCheckpointScope(destination, source);
    }

    /// <inheritdoc />
    public async ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        var finished = _redis.HashExistsAsync(Key, inputId);
        var sent = _redis.HashGetAsync(_sentKey, inputId);
        if (await finished.WaitAsync(cancellationToken).ConfigureAwait(false)) return new UploadCheckpointEntry(inputId, UploadCheckpointState.Finished);
        var value = await sent.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (value.IsNullOrEmpty || value.ToString().Split(' ', 2) is not [var hash, var at]) return null;
        return new UploadCheckpointEntry(inputId, UploadCheckpointState.Sent, hash, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    /// <inheritdoc />
    public async ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) return;
        var fields = inputs.Select(entry => new HashEntry(entry.InputId, string.Create(CultureInfo.InvariantCulture, $"{entry.ContentHash} {(entry.SentAt ?? DateTimeOffset.UtcNow):O}"))).ToArray();
        await _redis.HashSetAsync(_sentKey, fields).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0) return;
        var fields = outcomes.Select(outcome => new HashEntry(outcome.InputId, string.Create(CultureInfo.InvariantCulture, $"{outcome.Kind} {(int)outcome.Status.Code}"))).ToArray();
        await _redis.HashSetAsync(Key, fields).WaitAsync(cancellationToken).ConfigureAwait(false);

        // Finished supersedes sent (lookups read finished first): dropping the sent records only saves memory, so
        // it is not awaited as part of the record.
        _ = _redis.HashDeleteAsync(_sentKey, [.. outcomes.Select(o => (RedisValue)o.InputId)], CommandFlags.FireAndForget);
    }
}
