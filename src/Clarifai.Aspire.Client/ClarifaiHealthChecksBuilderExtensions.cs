using Clarifai.Aspire.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The Clarifai health check for any host: <c>services.AddHealthChecks().AddClarifai()</c>.</summary>
public static class ClarifaiHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that the registered <see cref="ClarifaiClient"/> (the keyed one, with <paramref name="serviceKey"/>)
    /// gets an answer from Clarifai within <paramref name="timeout"/> (see <see cref="ClarifaiHealthCheck"/>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; default <c>clarifai</c>.</param>
    /// <param name="timeout">How long to wait; default 5 seconds.</param>
    /// <param name="failureStatus">What a failure reports; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <param name="serviceKey">The key of a keyed client, or <see langword="null"/> for the client.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddClarifai(this IHealthChecksBuilder builder, string name = "clarifai", TimeSpan? timeout = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var wait = timeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new ClarifaiHealthCheck(serviceKey is null ? provider.GetRequiredService<ClarifaiClient>() : provider.GetRequiredKeyedService<ClarifaiClient>(serviceKey), wait),
            failureStatus,
            tags,
            wait + TimeSpan.FromSeconds(1)));
    }
}
