namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Stops sending to a server that is gone. After <c>threshold</c> transport failures in a row (across every worker
/// of an upload) it opens: nothing is sent for <c>breakDuration</c>, then one probe request may go; its success closes
/// the breaker, its failure opens it again. Without it, every remaining batch would spend all its attempts against a
/// dead server before its inputs could be accounted for.
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly int _threshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private int _consecutiveFailures;
    private long _openUntil; // timestamp; 0 when closed
    private bool _probing;

    public CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
    {
        _threshold = threshold;
        _breakDuration = breakDuration;
        _time = time;
    }

    /// <summary>Whether the breaker is open and its break has not ended.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate) return _openUntil != 0 && _time.GetTimestamp() < _openUntil;
        }
    }

    /// <summary>Whether a request may be sent now: always when closed; when open, only one probe after the break.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_openUntil == 0) return true;
            if (_time.GetTimestamp() < _openUntil || _probing) return false;
            _probing = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _openUntil = 0;
            _probing = false;
        }
    }

    /// <summary>Records a failure that says the server could not be reached or did not answer.</summary>
    public void RecordFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_probing || _consecutiveFailures >= _threshold)
            {
                _openUntil = _time.GetTimestamp() + (long)(_breakDuration.TotalSeconds * _time.TimestampFrequency);
                _probing = false;
            }
        }
    }
}
