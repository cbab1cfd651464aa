using System.Globalization;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The local server's options as the emulator resource's fluent methods set them, and the command line they become
/// (the options <c>clarifai-local-server --help</c> documents). Keys are not here: they go in the environment.
/// </summary>
internal sealed class ClarifaiEmulatorSettings
{
    public TimeSpan? Latency { get; set; }

    public double? UnavailableRate { get; set; }

    public double? ThrottleRate { get; set; }

    public double? LostResponseRate { get; set; }

    public double? InputFailureRate { get; set; }

    public int? MaxRequestsPerSecond { get; set; }

    public int? Seed { get; set; }

    public TimeSpan? TrainingDuration { get; set; }

    /// <summary>On by default: an app host's tests and inner loop should not need the internet for Clarifai's sample images.</summary>
    public bool OfflineSamples { get; set; } = true;

    public List<string> AllowedUrlHosts { get; } = [];

    /// <summary>The options after the ports, in the order the server's usage lists them.</summary>
    public IEnumerable<string> ToArguments()
    {
        foreach (var host in AllowedUrlHosts) { yield return "--allow-url-host"; yield return host; }
        if (TrainingDuration is { } training) { yield return "--training-ms"; yield return Milliseconds(training); }
        if (OfflineSamples) yield return "--offline-samples";
        if (Latency is { } latency) { yield return "--latency-ms"; yield return Milliseconds(latency); }
        if (UnavailableRate is { } unavailable) { yield return "--unavailable-rate"; yield return Rate(unavailable); }
        if (ThrottleRate is { } throttle) { yield return "--throttle-rate"; yield return Rate(throttle); }
        if (LostResponseRate is { } lost) { yield return "--lost-response-rate"; yield return Rate(lost); }
        if (InputFailureRate is { } inputFailure) { yield return "--input-failure-rate"; yield return Rate(inputFailure); }
        if (MaxRequestsPerSecond is { } rps) { yield return "--max-rps"; yield return rps.ToString(CultureInfo.InvariantCulture); }
        if (Seed is { } seed) { yield return "--seed"; yield return seed.ToString(CultureInfo.InvariantCulture); }
    }

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
