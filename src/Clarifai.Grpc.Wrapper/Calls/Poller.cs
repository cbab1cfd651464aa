namespace Clarifai.Grpc.Wrapper;

/// <summary>The waits between polls of one wait operation: growing delays, one overall timeout, cancellation.</summary>
internal sealed class Poller
{
    private readonly TimeProvider _time;
    private readonly PollingSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly long _started;
    private int _polls;

    public Poller(TimeProvider time, PollingSettings settings, TimeSpan timeout)
    {
        _time = time;
        _settings = settings;
        _timeout = timeout;
        _started = time.GetTimestamp();
    }

    /// <summary>Waits before the next poll.</summary>
    /// <param name="waitingFor">What is still awaited, for the timeout's message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The next poll would come after the timeout.</exception>
    public async Task WaitAsync(string waitingFor, CancellationToken cancellationToken)
    {
        var delay = _settings.DelayBefore(++_polls);
        var elapsed = _time.GetElapsedTime(_started);
        if (_timeout != Timeout.InfiniteTimeSpan && elapsed + delay > _timeout)
        {
            throw new TimeoutException($"Gave up after {elapsed.TotalSeconds:0.#} s ({_polls - 1} polls; timeout {_timeout.TotalSeconds:0.#} s): {waitingFor}.");
        }

        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits before the next poll, or says there is none because it would come after the timeout.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="false"/> when the timeout leaves no room for another poll.</returns>
    public async Task<bool> TryWaitAsync(CancellationToken cancellationToken)
    {
        var delay = _settings.DelayBefore(_polls + 1);
        if (_timeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(_started) + delay > _timeout) return false;
        _polls++;
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>How long and how often it waited, for a timeout's message.</summary>
    public string Describe() => $"{_time.GetElapsedTime(_started).TotalSeconds:0.#} s ({_polls} polls; timeout {_timeout.TotalSeconds:0.#} s)";
}
