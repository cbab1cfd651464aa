namespace Clarifai.Grpc.Emulator;

/// <summary>Decides, from one seeded random sequence, which requests and inputs fail. Thread-safe.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultOptions _options = FaultOptions.None;
    private Random _random = new(FaultOptions.None.Seed);
    private readonly TimeProvider _time;
    private long _windowSecond;
    private int _windowCount;

    public FaultInjector(FaultOptions options, TimeProvider time)
    {
        _time = time;
        Options = options;
    }

    /// <summary>The faults in force; setting them restarts the random sequence from their seed.</summary>
    public FaultOptions Options
    {
        get
        {
            lock (_gate) return _options;
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _options = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>The fate of one request.</summary>
    public RequestFault NextRequest()
    {
        lock (_gate)
        {
            if (_options.MaxRequestsPerSecond > 0)
            {
                var second = _time.GetTimestamp() / _time.TimestampFrequency;
                if (second != _windowSecond)
                {
                    _windowSecond = second;
                    _windowCount = 0;
                }

                if (++_windowCount > _options.MaxRequestsPerSecond) return RequestFault.RateLimited;
            }

            if (_options.UnavailableRate > 0 && _random.NextDouble() < _options.UnavailableRate) return RequestFault.Unavailable;
            if (_options.ThrottleRate > 0 && _random.NextDouble() < _options.ThrottleRate) return RequestFault.Throttled;
            return RequestFault.None;
        }
    }

    /// <summary>Whether the answer of a handled request is lost (replaced by Unavailable).</summary>
    public bool NextResponseLost()
    {
        lock (_gate) return _options.LostResponseRate > 0 && _random.NextDouble() < _options.LostResponseRate;
    }

    /// <summary>Whether the next input of a PostInputs request fails on its own.</summary>
    public bool NextInputFails()
    {
        lock (_gate) return _options.InputFailureRate > 0 && _random.NextDouble() < _options.InputFailureRate;
    }
}
