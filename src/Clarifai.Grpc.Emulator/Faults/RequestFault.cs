namespace Clarifai.Grpc.Emulator;

/// <summary>What the fault injector decided for a request.</summary>
internal enum RequestFault
{
    /// <summary>Serve it.</summary>
    None,

    /// <summary>Answer gRPC Unavailable.</summary>
    Unavailable,

    /// <summary>Answer 11005 CONN_THROTTLED.</summary>
    Throttled,

    /// <summary>Over the requests-per-second cap: answer 11005 CONN_THROTTLED.</summary>
    RateLimited,
}
