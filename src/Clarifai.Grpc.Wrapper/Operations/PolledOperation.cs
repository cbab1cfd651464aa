namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The one waiting rule of the operations followed by polls: poll with the backoff of the polling settings until the
/// job ends or the settings' timeout passes (a <see cref="TimeoutException"/> that says what was awaited).
/// </summary>
/// <typeparam name="T">The result once the job is done.</typeparam>
internal abstract class PolledOperation<T>(PollingSettings polling, TimeProvider time) : ClarifaiOperation<T>
{
    /// <summary>What the wait is waiting for, as of the last poll (for the timeout's message).</summary>
    protected abstract string Progress { get; }

    /// <summary>Whether the state the operation was created with may end the wait before any poll.</summary>
    protected virtual bool StartsKnown => true;

    /// <summary>Reads what the result needs beyond the last poll, once the job has ended.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the result is complete.</returns>
    protected virtual Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public sealed override Task<T> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(polling, cancellationToken);

    public sealed override async Task<T> WaitForCompletionAsync(PollingSettings polling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(polling);
        polling.Validate();
        var poller = new Poller(time, polling, polling.Timeout);
        if (!StartsKnown) await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        while (!HasCompleted)
        {
            await poller.WaitAsync(Progress, cancellationToken).ConfigureAwait(false);
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }

        await CompleteAsync(cancellationToken).ConfigureAwait(false);
        return Value;
    }
}
