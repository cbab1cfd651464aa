using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>
/// The Clarifai client's tracing and metrics in OpenTelemetry, without typing their names:
/// <c>tracing.AddClarifaiInstrumentation()</c>, <c>metrics.AddClarifaiInstrumentation()</c>.
/// </summary>
public static class ClarifaiInstrumentationExtensions
{
    /// <summary>Subscribes to the client's activities (<see cref="ClarifaiDiagnostics.Name"/>): one per logical call.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddClarifaiInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ClarifaiDiagnostics.Name);
    }

    /// <summary>Subscribes to the client's metrics (<see cref="ClarifaiDiagnostics.Name"/>): calls, failures, durations, retries, uploads.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddClarifaiInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ClarifaiDiagnostics.Name);
    }
}
