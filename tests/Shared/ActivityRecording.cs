using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.TestSupport;

/// <summary>An in-memory listener, as an OpenTelemetry exporter would subscribe: to the library's source, everything recorded.</summary>
internal static class ActivityRecording
{
    /// <summary>
    /// Adds every activity of the library (and of the sources named in <paramref name="alsoFrom"/>) that stops to
    /// <paramref name="into"/> until the listener is disposed.
    /// </summary>
    public static ActivityListener Listen(List<Activity> into, params string[] alsoFrom)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ClarifaiDiagnostics.Name || alsoFrom.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (into) into.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
