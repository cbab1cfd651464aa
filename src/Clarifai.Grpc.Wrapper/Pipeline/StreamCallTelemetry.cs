using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper;

/// <summary>The telemetry of one streaming call: an activity from the start to the end of the stream, ended once.</summary>
internal sealed class StreamCallTelemetry
{
    private readonly string _method;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Activity? _activity;
    private int _ended;

    public StreamCallTelemetry(string method, TimeProvider time)
    {
        _method = method;
        _time = time;
        _started = time.GetTimestamp();
        _activity = ClarifaiDiagnostics.StartCall(method);
    }

    public void Completed(ClarifaiStatus lastStatus) => End((int)lastStatus.Code, lastStatus.RequestId, failed: false, null);

    public void Failed(ClarifaiException failure) => End((int)failure.Code, failure.RequestId, failed: true, ClarifaiCallExecutor.Reason(failure));

    public void Cancelled() => End(0, string.Empty, failed: true, "cancelled");

    /// <summary>Records the end once: whichever of completion, failure or cancellation comes first.</summary>
    private void End(int statusCode, string requestId, bool failed, string? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, statusCode, requestId, 1, _time.GetElapsedTime(_started), failed, error);
        _activity?.Dispose();
    }
}
