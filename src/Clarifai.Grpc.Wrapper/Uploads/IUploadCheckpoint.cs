namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// What an upload job has done, kept across runs, so that a re-run skips what is finished and tells the truth about
/// what an earlier run may have stored. The uploader, in this order:
/// <list type="number">
/// <item><see cref="ClaimAsync"/>: binds the checkpoint to the upload's <see cref="UploadCheckpointScope"/> (its user and
/// app, and its source) or learns the scope it already belongs to — a run for another app is refused.</item>
/// <item><see cref="FindAsync"/>, for each input read: a finished input is skipped; an input recorded as sent (by a run
/// that did not live to record its outcome) carries that evidence, so an "already exists" for it is checked as this
/// job's own and not reported as a failure.</item>
/// <item><see cref="RecordSentAsync"/> for each batch, before its request leaves.</item>
/// <item><see cref="RecordFinishedAsync"/> for each batch's final outcomes (succeeded, or failed for good), before they
/// are reported to the caller.</item>
/// </list>
/// Inputs that failed transiently, were not sent, or whose fate is unknown are not recorded finished, so a re-run sends
/// them again — under the same deterministic ids (<see cref="UploadIdMode.ContentHash"/> or the inputs' own), so nothing
/// is created twice.
/// </summary>
/// <remarks>
/// <para>Implementations must be safe for concurrent calls. The embedded default is SQLite
/// (<c>SqliteUploadCheckpoint</c> in the <c>Clarifai.Grpc.Wrapper.Sqlite</c> package); a store shared by several
/// workers (<c>RedisUploadCheckpoint</c>) lets them split one job.</para>
/// <para>Any exception a method throws ends the upload with an <see cref="UploadCheckpointException"/> naming
/// <see cref="Description"/>, after every input already read has its outcome: a store that fails never loses one.</para>
/// </remarks>
public interface IUploadCheckpoint
{
    /// <summary>
    /// What the store is, for messages: a file's path, or a server's address and the job's name. Never a secret (no
    /// password, no connection string).
    /// </summary>
    string Description { get; }

    /// <summary>
    /// Binds the checkpoint to <paramref name="scope"/> if it belongs to none yet (a new checkpoint, or one written
    /// before checkpoints had scopes), and returns the scope it belongs to. Concurrent claims by the workers of one job
    /// must all see the same scope.
    /// </summary>
    /// <param name="scope">The upload's scope.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The checkpoint's scope: <paramref name="scope"/> when it was free, else the one recorded first.</returns>
    ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken);

    /// <summary>What the checkpoint knows of an input: finished, sent, or nothing.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The entry, or <see langword="null"/> when the job never sent the input.</returns>
    ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken);

    /// <summary>
    /// Records inputs as sent (<see cref="UploadCheckpointState.Sent"/>), before the request carrying them leaves. An
    /// entry already finished stays finished.
    /// </summary>
    /// <param name="inputs">The inputs, with their content hashes and the time of sending.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entries are durable as far as the store makes them.</returns>
    ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken);

    /// <summary>Records final outcomes (succeeded, or failed for good): the inputs are finished.</summary>
    /// <param name="outcomes">The outcomes, one per input.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the outcomes are recorded.</returns>
    ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken);
}
