using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The library's tracing and metrics, named <see cref="Name"/> so that OpenTelemetry users subscribe with
/// <c>AddSource("Clarifai.Grpc.Wrapper")</c> and <c>AddMeter("Clarifai.Grpc.Wrapper")</c>.
/// </summary>
/// <remarks>
/// <para><b>Activities</b>: one per logical call, as OpenTelemetry's stable RPC conventions describe a gRPC client
/// call (<see cref="ActivityKind.Client"/>, named <c>clarifai.api.V2/{RPC}</c>, tags <c>rpc.system.name</c>,
/// <c>rpc.method</c>, <c>rpc.response.status_code</c>, <c>server.address</c>, <c>server.port</c>, <c>error.type</c>),
/// plus Clarifai's own: <c>clarifai.status_code</c>, <c>clarifai.req_id</c>, <c>clarifai.attempts</c>; each retry
/// is an event <c>retry</c> on it.</para>
/// <para><b>Metrics</b>: the conventions' <c>rpc.client.call.duration</c> (seconds, retries included), and
/// <c>clarifai.client.calls</c> (calls by method and Clarifai status code), <c>clarifai.client.failures</c>,
/// <c>clarifai.client.call.duration</c>, <c>clarifai.client.retries</c>, <c>clarifai.client.rate_limit</c>,
/// <c>clarifai.client.upload.inputs</c> (uploaded inputs by outcome) and <c>clarifai.client.upload.bytes</c>.</para>
/// <para>Nothing is recorded while nobody listens, and no tag ever holds the key.</para>
/// </remarks>
public static class ClarifaiDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Clarifai.Grpc.Wrapper";

    /// <summary>The gRPC service every call goes to, the first half of <c>rpc.method</c>.</summary>
    internal const string Service = "clarifai.api.V2";

    private static readonly string? Version = typeof(ClarifaiDiagnostics).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    internal static readonly Histogram<double> RpcDuration = Meter.CreateHistogram<double>(
        "rpc.client.call.duration", "s", "Duration of logical RPC calls (OpenTelemetry RPC conventions), retries included.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("clarifai.client.calls", "{call}", "Logical Clarifai calls, by method and Clarifai status code.");

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>("clarifai.client.failures", "{call}", "Logical Clarifai calls that failed, by method and Clarifai status code (0 for transport failures).");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("clarifai.client.call.duration", "s", "Duration of logical Clarifai calls, retries included.");

    internal static readonly Gauge<double> RequestRate = Meter.CreateGauge<double>("clarifai.client.rate_limit", "{request}/s", "The request rate an adaptive rate limiter allows, after each change.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("clarifai.client.retries", "{retry}", "Attempts sent again, by method and reason.");

    internal static readonly Counter<long> UploadedInputs = Meter.CreateCounter<long>("clarifai.client.upload.inputs", "{input}", "Inputs whose upload ended, by outcome.");

    internal static readonly Counter<long> UploadedBytes = Meter.CreateCounter<long>("clarifai.client.upload.bytes", "By", "Encoded bytes of inputs uploaded successfully.");

    /// <summary>The bucket boundaries the RPC conventions advise for call durations, in seconds.</summary>
    private static IReadOnlyList<double> DurationBuckets => [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>The conventions' <c>rpc.method</c>: the fully-qualified method, <c>clarifai.api.V2/PostModelOutputs</c>.</summary>
    internal static string RpcMethod(string method) => Service + "/" + method;

    /// <summary>Records the end of a logical call on the activity and the metrics.</summary>
    internal static void CallEnded(Activity? activity, string method, RpcServer server, int attempts, TimeSpan elapsed, CallOutcome outcome)
    {
        if (activity is not null)
        {
            activity.SetTag("rpc.response.status_code", outcome.GrpcStatus);
            if (outcome.Error is { } error) activity.SetTag("error.type", error);
            activity.SetTag("clarifai.status_code", outcome.StatusCode);
            if (outcome.RequestId.Length > 0) activity.SetTag("clarifai.req_id", outcome.RequestId);
            activity.SetTag("clarifai.attempts", attempts);
            if (outcome.Failed) activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }

        // Tags are built only when someone listens: boxing the status code, or naming the method, would otherwise cost every call.
        var measured = RpcDuration.Enabled || Calls.Enabled || (outcome.Failed && Failures.Enabled) || Duration.Enabled;
        if (!measured) return;
        var rpcMethod = RpcMethod(method);
        if (RpcDuration.Enabled)
        {
            var tags = new TagList
            {
                { "rpc.system.name", "grpc" }, { "rpc.method", rpcMethod }, { "rpc.response.status_code", outcome.GrpcStatus },
                { "server.address", server.Address }, { "server.port", server.Port },
            };
            if (outcome.Error is { } error) tags.Add("error.type", error);
            RpcDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (Calls.Enabled || (outcome.Failed && Failures.Enabled))
        {
            var tags = new TagList { { "rpc.method", rpcMethod }, { "clarifai.status_code", outcome.StatusCode } };
            if (Calls.Enabled) Calls.Add(1, tags);
            if (outcome.Failed && Failures.Enabled) Failures.Add(1, tags);
        }

        if (Duration.Enabled) Duration.Record(elapsed.TotalSeconds, new TagList { { "rpc.method", rpcMethod } });
    }

    internal static Activity? StartCall(string method, RpcServer server)
    {
        if (!Source.HasListeners()) return null; // no activity name to build, nothing to record
        var rpcMethod = RpcMethod(method);

        // The conventions' span name is rpc.method; the attributes that sampling may look at are given at creation.
        var activity = Source.StartActivity(ActivityKind.Client, tags: [new("rpc.system.name", "grpc"), new("rpc.method", rpcMethod), new("server.address", server.Address), new("server.port", server.Port)], name: rpcMethod);
        return activity;
    }

    internal static void Retrying(Activity? activity, string method, int attempt, string reason, TimeSpan delay)
    {
        activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { { "attempt", attempt }, { "reason", reason }, { "delay_ms", delay.TotalMilliseconds } }));
        if (Retries.Enabled) Retries.Add(1, new TagList { { "rpc.method", RpcMethod(method) }, { "reason", reason } });
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
