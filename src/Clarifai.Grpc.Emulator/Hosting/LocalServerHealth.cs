using Grpc.Core;
using Grpc.Health.V1;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The gRPC health checking protocol (<c>grpc.health.v1.Health</c>), as orchestrators probe a gRPC server (Aspire,
/// Kubernetes' gRPC probes, <c>grpc_health_probe</c>): the server (<c>""</c>) and <c>clarifai.api.V2</c> are SERVING
/// while it runs; any other service is NOT_FOUND, as the protocol says. No key is needed: a probe has none, and the
/// answer says nothing about anybody's data.
/// </summary>
internal sealed class LocalServerHealth : Health.HealthBase
{
    /// <summary>The services the probe knows: the server as a whole, and the Clarifai API.</summary>
    internal static readonly string[] Services = ["", "clarifai.api.V2"];

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        Services.Contains(request.Service)
            ? Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving })
            : throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, $"The local server has no service '{request.Service}'; it answers for \"\" and clarifai.api.V2."));

    /// <summary>The status now, then again only if it changes — which it does not while the server runs — until the watcher leaves.</summary>
    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var status = Services.Contains(request.Service) ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
        await responseStream.WriteAsync(new HealthCheckResponse { Status = status }).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The watcher left, or the server stops.
        }
    }
}
