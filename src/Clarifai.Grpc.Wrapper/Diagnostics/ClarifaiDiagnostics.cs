using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The library's tracing and metrics, named <see cref="Name"/> so that OpenTelemetry users subscribe with
/// <c>AddSource("Clarifai.Grpc.Wrapper")</c> and <c>AddMeter("Clarifai.Grpc.Wrapper")</c>.
/// </summary>
/// <remarks>
/// <para><b>Activities</b>: one per logical call (<see cref="ActivityKind.Client"/>, named <c>Clarifai {RPC}</c>) with
/// the tags <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>, <c>clarifai.status_code</c>,
/// <c>clarifai.req_id</c> and <c>clarifai.attempts</c>; each retry is an event <c>retry</c> on it.</para>
/// <para><b>Metrics</b>: <c>clarifai.client.calls</c> (calls by method and status code),
/// <c>clarifai.client.failures</c> (failed calls by method and status code), <c>clarifai.client.call.duration</c>
/// (seconds), <c>clarifai.client.retries</c>, <c>clarifai.client.upload.inputs</c> (uploaded inputs by outcome) and
/// <c>clarifai.client.upload.bytes</c>.</para>
/// <para>Nothing is recorded while nobody listens, and no tag ever holds the key.</para>
/// </remarks>
public static class ClarifaiDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Clarifai.Grpc.Wrapper";

    private static readonly string? Version = typeof(ClarifaiDiagnostics).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("clarifai.client.calls", "{call}", "Logical Clarifai calls, by method and Clarifai status code.");

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>("clarifai.client.failures", "{call}", "Logical Clarifai calls that failed, by method and Clarifai status code (0 for transport failures).");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("clarifai.client.call.duration", "s", "Duration of logical Clarifai calls, retries included.");

    internal static readonly Gauge<double> RequestRate = Meter.CreateGauge<double>("clarifai.client.rate_limit", "{request}/s", "The request rate an adaptive rate limiter allows, after each change.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("clarifai.client.retries", "{retry}", "Attempts sent again, by method and reason.");

    internal static readonly Counter<long> UploadedInputs = Meter.CreateCounter<long>("clarifai.client.upload.inputs", "{input}", "Inputs whose upload ended, by outcome.");

    internal static readonly Counter<long> UploadedBytes = Meter.CreateCounter<long>("clarifai.client.upload.bytes", "By", "Encoded bytes of inputs uploaded successfully.");

    /// <summary>Records the end of a logical call on the activity and the metrics.</summary>
    internal static void CallEnded(Activity? activity, string method, int statusCode, string requestId, int attempts, TimeSpan elapsed, bool failed, string? error)
    {
        if (activity is not null)
        {
            activity.SetTag("clarifai.status_code", statusCode);
            if (requestId.Length > 0) activity.SetTag("clarifai.req_id", requestId);
            activity.SetTag("clarifai.attempts", attempts);
            if (failed) activity.SetStatus(ActivityStatusCode.Error, error);
        }

        // Tags are built only when someone listens: boxing the status code would otherwise cost every call.
        if (Calls.Enabled || (failed && Failures.Enabled))
        {
            var tags = new TagList { { "rpc.method", method }, { "clarifai.status_code", statusCode } };
            if (Calls.Enabled) Calls.Add(1, tags);
            if (failed && Failures.Enabled) Failures.Add(1, tags);
        }

        if (Duration.Enabled) Duration.Record(elapsed.TotalSeconds, new TagList { { "rpc.method", method } });
    }

    internal static Activity? StartCall(string method)
    {
        if (!Source.HasListeners()) return null; // no activity name to build, nothing to record
        var activity = Source.StartActivity("Clarifai " + method, ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", "clarifai.api.V2");
        activity.SetTag("rpc.method", method);
        return activity;
    }

    internal static void Retrying(Activity? activity, string method, int attempt, string reason, TimeSpan delay)
    {
        activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { { "attempt", attempt }, { "reason", reason }, { "delay_ms", delay.TotalMilliseconds } }));
        if (Retries.Enabled) Retries.Add(1, new TagList { { "rpc.method", method }, { "reason", reason } });
    }

    internal static void RateChanged(double requestsPerSecond)
    {
        if (RequestRate.Enabled) RequestRate.Record(requestsPerSecond);
    }

    internal static void UploadEnded(UploadOutcome outcome)
    {
        if (UploadedInputs.Enabled) UploadedInputs.Add(1, new TagList { { "outcome", outcome.Kind.ToString() } });
        if (outcome.Succeeded && UploadedBytes.Enabled) UploadedBytes.Add(outcome.Input.ContentLength);
    }
}
