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
    private readonly RpcServer _server;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Activity? _activity;
    private readonly int _attempts;
    private int _ended;

    public StreamCallTelemetry(string method, RpcServer server, TimeProvider time, Activity? activity, long started, int attempts)
    {
        _method = method;
        _server = server;
        _time = time;
        _activity = activity;
        _started = started;
        _attempts = attempts;
    }

    public void Completed(ClarifaiStatus lastStatus) => End(CallOutcome.Answered((int)lastStatus.Code, lastStatus.RequestId));

    public void Failed(ClarifaiException failure) => End(CallOutcome.Of(failure));

    public void Cancelled() => End(CallOutcome.Cancelled);

    /// <summary>The caller left the stream before its end (<c>break</c>, dispose): recorded as cancelled, unless it ended already.</summary>
    public void Abandoned() => Cancelled();

    /// <summary>Records the end once: whichever of completion, failure or cancellation comes first.</summary>
    private void End(CallOutcome outcome)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, _server, _attempts, _time.GetElapsedTime(_started), outcome);
        _activity?.Dispose();
    }
}
