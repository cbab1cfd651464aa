namespace Clarifai.Aspire.Client;

/// <summary>
/// The settings of <c>AddClarifaiClient</c>, bound from the <c>Aspire:Clarifai:Client</c> configuration section (and
/// <c>Aspire:Clarifai:Client:{name}</c> for a keyed client), as Aspire's client integrations bind theirs. The client's
/// own options (<see cref="ClarifaiClientOptions"/>: timeouts, retries, polling) are read from the same section.
/// </summary>
public sealed class ClarifaiClientSettings
{
    /// <summary>
    /// The connection: <c>Endpoint=…;ApiKey=…;UserId=…;AppId=…</c> (<see cref="ClarifaiConnectionString"/>), usually the
    /// connection string an Aspire app host gives the resource (<c>ConnectionStrings:{name}</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether to leave out the health check (one cheap authenticated call). Default: it is registered.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>How long the health check waits for Clarifai before it reports unhealthy; default 5 seconds.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether to leave out OpenTelemetry tracing of the client's calls. Default: traced.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Whether to leave out OpenTelemetry metrics of the client's calls. Default: measured.</summary>
    public bool DisableMetrics { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"ClarifaiClientSettings {{ ConnectionString = {(ConnectionString is null ? "null" : "(set, not shown)")}, DisableHealthChecks = {DisableHealthChecks}, HealthCheckTimeout = {HealthCheckTimeout}, DisableTracing = {DisableTracing}, DisableMetrics = {DisableMetrics} }}";
}
