using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Probes the local server the way an orchestrator probes any gRPC service: <c>grpc.health.v1.Health/Check</c> for the
/// <c>clarifai.api.V2</c> service, which the server answers without a key. Healthy when it says SERVING.
/// </summary>
internal sealed class LocalServerHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    internal const string ServiceName = "clarifai.api.V2";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string address;
        try
        {
            // Read each time, not through IsAllocated, which remembers its first answer.
            address = endpoint.Url;
        }
        catch (InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The local server's gRPC endpoint has no port yet.");
        }

        try
        {
            using var channel = GrpcChannel.ForAddress(address);
            var client = new Grpc.Health.V1.Health.HealthClient(channel);
            var response = await client.CheckAsync(new HealthCheckRequest { Service = ServiceName }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The local server reports {ServiceName} {response.Status}.");
        }
        catch (RpcException e)
        {
            return HealthCheckResult.Unhealthy($"The local server did not answer its health check: {e.StatusCode}.", e);
        }
    }
}
