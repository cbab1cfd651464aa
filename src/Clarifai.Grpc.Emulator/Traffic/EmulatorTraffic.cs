namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The unary requests the emulator has answered, oldest first: what a test checks a client's pacing and retries
/// against (how many requests, when, how many were throttled). Keeps the last <see cref="Capacity"/>. Thread-safe.
/// </summary>
public sealed class EmulatorTraffic
{
    /// <summary>How many requests are kept; older ones are dropped.</summary>
    public const int Capacity = 100_000;

    private readonly object _gate = new();
    private readonly Queue<EmulatorRequest> _requests = new();
    private readonly Queue<EmulatorMethodCall> _methodCalls = new();

    /// <summary>A copy of the requests kept, oldest first.</summary>
    /// <returns>The requests.</returns>
    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (_gate) return [.. _requests];
    }

    /// <summary>A copy of the model-method calls kept (what current-style models received), oldest first.</summary>
    /// <returns>The calls.</returns>
    public IReadOnlyList<EmulatorMethodCall> MethodCalls()
    {
        lock (_gate) return [.. _methodCalls];
    }

    /// <summary>Forgets every request and method call kept so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _methodCalls.Clear();
        }
    }

    internal void Record(EmulatorMethodCall call)
    {
        lock (_gate)
        {
            if (_methodCalls.Count == Capacity) _methodCalls.Dequeue();
            _methodCalls.Enqueue(call);
        }
    }

    internal void Record(EmulatorRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count == Capacity) _requests.Dequeue();
            _requests.Enqueue(request);
        }
    }
}
