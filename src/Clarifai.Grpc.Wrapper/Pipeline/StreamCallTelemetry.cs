using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// The telemetry of a streaming call once it is open: the logical call's activity (started by
/// <see cref="TelemetryLayer"/> before the first attempt), ended once — at completion, failure, cancellation, or when
/// the caller leaves the stream early — with the attempts it took to open it.
/// </summary>
internal sealed class StreamCallTelemetry
{
    private readonly string _method;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Activity? _activity;
    private readonly int _attempts;
    private int _ended;

    public StreamCallTelemetry(string method, TimeProvider time, Activity? activity, long started, int attempts)
    {
        _method = method;
        _time = time;
        _activity = activity;
        _started = started;
        _attempts = attempts;
    }

    public void Completed(ClarifaiStatus lastStatus) => End((int)lastStatus.Code, lastStatus.RequestId, failed: false, null);

    public void Failed(ClarifaiException failure) => End((int)failure.Code, failure.RequestId, failed: true, FailureReason.Of(failure));

    public void Cancelled() => End(0, string.Empty, failed: true, "cancelled");

    /// <summary>The caller left the stream before its end (<c>break</c>, dispose): recorded as cancelled, unless it ended already.</summary>
    public void Abandoned() => Cancelled();

    /// <summary>Records the end once: whichever of completion, failure or cancellation comes first.</summary>
    private void End(int statusCode, string requestId, bool failed, string? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, statusCode, requestId, _attempts, _time.GetElapsedTime(_started), failed, error);
        _activity?.Dispose();
    }
}
