namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// What an upload job has finished, kept across runs: the uploader records each input's final outcome (succeeded,
/// or failed for good) and, on a later run of the same job, skips the inputs already recorded. Inputs that failed
/// transiently, were not sent, or whose fate is unknown are not recorded, so a re-run sends them again — under the
/// same deterministic ids, so nothing is created twice (<see cref="UploadIdMode.ContentHash"/> or client ids).
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent calls. The embedded default is SQLite
/// (<c>SqliteUploadCheckpoint</c> in the <c>Clarifai.Grpc.Wrapper.Sqlite</c> package); a store shared by several
/// workers lets them split one job.
/// </remarks>
public interface IUploadCheckpoint
{
    /// <summary>Whether an earlier run finished the input with this id.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns><see langword="true"/> to skip the input.</returns>
    ValueTask<bool> IsFinishedAsync(string inputId, CancellationToken cancellationToken);

    /// <summary>Records a final outcome (succeeded, or failed for good).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the outcome is recorded.</returns>
    ValueTask RecordAsync(UploadOutcome outcome, CancellationToken cancellationToken);
}
