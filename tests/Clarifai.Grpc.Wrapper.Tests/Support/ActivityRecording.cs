using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>An in-memory listener, as an OpenTelemetry exporter would subscribe: to the library's source, everything recorded.</summary>
internal static class ActivityRecording
{
    /// <summary>Adds every activity of the library that stops to <paramref name="into"/> until the listener is disposed.</summary>
    public static ActivityListener Listen(List<Activity> into)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ClarifaiDiagnostics.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (into) into.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
