using System.Globalization;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// An <see cref="IUploadCheckpoint"/> in Redis, shared by every worker of one upload job: one hash per job
/// (<c>clarifai:upload:{job}:finished</c>), input id → outcome and status code. Workers that split a job
/// (<see cref="UploadOptions.Partition"/>) or take over from a crashed one see each other's records at once. Thread-safe.
/// </summary>
/// <remarks>
/// A record is as durable as the Redis server's persistence (RDB/AOF) makes it. A record lost with a Redis restart
/// only costs a resend under the input's deterministic id, which Clarifai answers as a duplicate that the uploader
/// recognises as its own, so nothing is created twice. Delete the job's key (<see cref="DeleteAsync"/>) when the job is
/// done for good.
/// </remarks>
/// <example><code>
/// var redis = await ConnectionMultiplexer.ConnectAsync("redis.internal:6379");
/// var checkpoint = new RedisUploadCheckpoint(redis.GetDatabase(), "photos-2026-11");
/// var upload = clarifai.Uploads.UploadDirectoryAsync("photos", options: new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, Partition = UploadPartition.Parse("0/4") });
/// </code></example>
public sealed class RedisUploadCheckpoint : IUploadCheckpoint
{
    private readonly IDatabase _redis;

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
    }

    /// <summary>The job's name.</summary>
    public string JobId { get; }

    /// <summary>The Redis key of the job's records.</summary>
    public string Key { get; }

    /// <summary>How many inputs the job has finished so far, by all its workers.</summary>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <returns>The count.</returns>
    public Task<long> CountFinishedAsync(CancellationToken cancellationToken = default) =>
        _redis.HashLengthAsync(Key).WaitAsync(cancellationToken);

    /// <summary>Deletes the job's records, so that the next run starts from nothing.</summary>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <returns>A task that completes when the records are gone.</returns>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        _redis.KeyDeleteAsync(Key).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> IsFinishedAsync(string inputId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        return await _redis.HashExistsAsync(Key, inputId).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(UploadOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var value = string.Create(CultureInfo.InvariantCulture, $"{outcome.Kind} {(int)outcome.Status.Code}");
        await _redis.HashSetAsync(Key, outcome.InputId, value).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
