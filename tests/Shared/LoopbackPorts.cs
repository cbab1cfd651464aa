using System.Net;
using System.Net.Sockets;

namespace Clarifai.Grpc.Wrapper.TestSupport;

/// <summary>Loopback ports for tests that need one nobody listens on (a dead server) or a server to start on.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 at the time of the call: bound by the system, then released.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
