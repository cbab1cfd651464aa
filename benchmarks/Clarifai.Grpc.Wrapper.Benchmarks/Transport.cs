namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>Where a benchmark's calls go.</summary>
public enum Transport
{
    /// <summary>An in-memory invoker that answers at once.</summary>
    InMemory,

    /// <summary>The emulator over loopback HTTP/2.</summary>
    Loopback,
}
