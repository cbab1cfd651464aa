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

    public void Completed(ClarifaiStatus lastStatus)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, (int)lastStatus.Code, lastStatus.RequestId, 1, _time.GetElapsedTime(_started), failed: false, null);
        _activity?.Dispose();
    }

    public void Failed(ClarifaiException failure)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, (int)failure.Code, failure.RequestId, 1, _time.GetElapsedTime(_started), failed: true, ClarifaiCallExecutor.Reason(failure));
        _activity?.Dispose();
    }

    public void Cancelled()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        ClarifaiDiagnostics.CallEnded(_activity, _method, 0, string.Empty, 1, _time.GetElapsedTime(_started), failed: true, "cancelled");
        _activity?.Dispose();
    }
}
