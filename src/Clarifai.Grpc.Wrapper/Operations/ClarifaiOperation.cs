namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// A long-running job on Clarifai's side — a model version's training, the processing of added inputs — followed by
/// polling: the shape of Azure's <c>Operation&lt;T&gt;</c> and gax's <c>Operation&lt;T, TMetadata&gt;</c>.
/// <see cref="Id"/> rehydrates it in another process (<see cref="ModelVersionService.TrainingOperation(string, CallSettings)"/>,
/// <see cref="InputService.ProcessingOperation(string)"/>).
/// </summary>
/// <typeparam name="T">The result once the job is done.</typeparam>
public abstract class ClarifaiOperation<T>
{
    /// <summary>For derived types and mocking.</summary>
    protected ClarifaiOperation()
    {
    }

    /// <summary>Identifies the job; pass it to the service's rehydration method to follow it elsewhere.</summary>
    public abstract string Id { get; }

    /// <summary>Whether the job has ended, successfully or not, as of the last status update.</summary>
    public abstract bool HasCompleted { get; }

    /// <summary>The result.</summary>
    /// <exception cref="InvalidOperationException">The job has not completed yet.</exception>
    /// <exception cref="ClarifaiException">The job failed (for training, a <see cref="ClarifaiModelTrainingFailedException"/>).</exception>
    public abstract T Value { get; }

    /// <summary>Asks the server once for the job's state.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the state is updated.</returns>
    public abstract Task UpdateStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls until the job ends, with the client's <see cref="ClarifaiClientOptions.Polling"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ClarifaiException">The job failed, or a poll failed.</exception>
    /// <exception cref="TimeoutException">The job had not ended within <see cref="PollingSettings.Timeout"/>.</exception>
    public abstract Task<T> WaitForCompletionAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls until the job ends, with the given polling settings.</summary>
    /// <param name="polling">Delays and overall timeout of the polls.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ClarifaiException">The job failed, or a poll failed.</exception>
    /// <exception cref="TimeoutException">The job had not ended within <see cref="PollingSettings.Timeout"/>.</exception>
    public abstract Task<T> WaitForCompletionAsync(PollingSettings polling, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {Id}: {(HasCompleted ? "completed" : "in progress")}";
}
