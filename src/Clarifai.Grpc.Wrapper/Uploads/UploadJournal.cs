namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// The upload's use of its <see cref="IUploadCheckpoint"/>, where a store failure becomes an
/// <see cref="UploadCheckpointException"/> naming the store and ends the upload — without costing any input its outcome.
/// After the first failure the store is not asked again: each call to a dead store could wait for its own timeout.
/// </summary>
internal sealed class UploadJournal
{
    private readonly IUploadCheckpoint _checkpoint;
    private readonly Action<Exception> _stop;
    private int _failed;

    /// <param name="checkpoint">The store.</param>
    /// <param name="stop">Ends the upload (the first exception given is the one the upload ends with).</param>
    public UploadJournal(IUploadCheckpoint checkpoint, Action<Exception> stop)
    {
        _checkpoint = checkpoint;
        _stop = stop;
    }

    /// <summary>Whether the store has failed; then nothing more is written to it.</summary>
    public bool HasFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>Claims the checkpoint for <paramref name="scope"/>.</summary>
    /// <returns>Whether the upload may go on: false when the store failed or belongs to another scope (the upload is then stopped).</returns>
    public async Task<bool> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken)
    {
        UploadCheckpointScope recorded;
        try
        {
            recorded = await _checkpoint.ClaimAsync(scope, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{_checkpoint.GetType().Name}.ClaimAsync returned null.");
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Fail("opening it", e);
            return false;
        }

        if (scope.Accepts(recorded)) return true;
        Interlocked.Exchange(ref _failed, 1);
        _stop(new UploadCheckpointScopeException(_checkpoint.Description, recorded, scope));
        return false;
    }

    /// <summary>What the store knows of <paramref name="item"/>.</summary>
    /// <exception cref="UploadCheckpointException">The store failed (the upload is stopped too).</exception>
    public async Task<UploadCheckpointEntry?> FindAsync(UploadItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await _checkpoint.FindAsync(item.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Fail($"looking up input '{item.Id}'", e);
        }
    }

    /// <summary>Records the batch's inputs as sent, before their request leaves.</summary>
    /// <returns>Whether the batch may be sent: false when the store failed (the upload is then stopped).</returns>
    public async Task<bool> RecordSentAsync(IReadOnlyList<UploadItem> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (HasFailed) return false;
        var entries = new UploadCheckpointEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++) entries[i] = new UploadCheckpointEntry(batch[i].Id, UploadCheckpointState.Sent, batch[i].ContentHash, now);
        try
        {
            await _checkpoint.RecordSentAsync(entries, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Fail("recording a batch as sent", e);
            return false;
        }
    }

    /// <summary>Records final outcomes; a failure stops the upload but the outcomes are still reported by the caller.</summary>
    public async Task RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (HasFailed || outcomes.Count == 0) return;
        try
        {
            await _checkpoint.RecordFinishedAsync(outcomes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Fail("recording outcomes", e);
        }
    }

    /// <summary>Anything the store throws is its failure, but a cancellation of the upload's own token.</summary>
    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private UploadCheckpointException Fail(string what, Exception e)
    {
        var failure = e as UploadCheckpointException ?? UploadCheckpointException.StoreFailed(_checkpoint.Description, what, e);
        Interlocked.Exchange(ref _failed, 1);
        _stop(failure);
        return failure;
    }
}
