using System.Diagnostics;
using Clarifai.Api;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clarifai.Aspire.Client;

/// <summary>
/// Whether Clarifai answers this client: one cheap authenticated call (the app's first model, ListModels with one per
/// page) within a timeout. Healthy when it answers; unhealthy when it refuses (the key, the app), fails or is too slow —
/// the description says which, never with a secret.
/// </summary>
public sealed class ClarifaiHealthCheck : IHealthCheck
{
    private readonly ClarifaiClient _client;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="client">The client to check.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    public ClarifaiHealthCheck(ClarifaiClient client, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _client = client;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A context made by hand (not by the health check service) may have no registration: then a failure is Unhealthy.
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var started = Stopwatch.GetTimestamp();
        try
        {
            // One attempt, one deadline: a probe reports now, it does not retry its way past the timeout.
            var settings = new CallSettings { Timeout = _timeout, Retry = new RetrySettings { MaxAttempts = 1 } };
            await _client.Models.ListAsync(pageSize: 1, settings).AsPages().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Clarifai at {_client.Options.Endpoint} answered in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
        catch (ClarifaiException e)
        {
            return new HealthCheckResult(failureStatus, $"Clarifai at {_client.Options.Endpoint} did not answer well: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failureStatus, $"Clarifai at {_client.Options.Endpoint} did not answer within {_timeout.TotalSeconds:0.#} s", e);
        }
    }
}
