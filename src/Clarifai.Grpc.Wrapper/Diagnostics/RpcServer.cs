namespace Clarifai.Grpc.Wrapper;

/// <summary>The server a client calls, as OpenTelemetry's <c>server.address</c> and <c>server.port</c> name it.</summary>
/// <param name="Address">The endpoint's host.</param>
/// <param name="Port">The endpoint's port (443 for <c>https</c> without one).</param>
internal sealed record RpcServer(string Address, int Port)
{
    /// <summary>For a stream opened outside the engine's telemetry layer (none is, in a client): no server to name.</summary>
    public static RpcServer Unknown { get; } = new(string.Empty, 0);

    public static RpcServer Of(Uri endpoint) => new(endpoint.Host, endpoint.Port);
}
