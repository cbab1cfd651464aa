using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// The local server's options, for <c>RunAsEmulator(emulator => …)</c>: faults on demand (so a service's retries,
/// throttling and failure handling can be watched in its inner loop and tested), latency, training time, and which
/// version of the tool runs from which feed. Bad values are refused here, when the app model is built.
/// </summary>
public static class ClarifaiEmulatorResourceBuilderExtensions
{
    /// <summary>Adds latency to every request the server answers.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="latency">The delay, whole milliseconds, zero or more.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithLatency(this IResourceBuilder<ClarifaiEmulatorResource> builder, TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return Configure(builder, settings => settings.Latency = latency);
    }

    /// <summary>Answers a share of requests with gRPC <c>Unavailable</c>, as a network or load balancer hiccup does.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="rate">The share, from 0 to 1.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithUnavailableRate(this IResourceBuilder<ClarifaiEmulatorResource> builder, double rate)
    {
        return Configure(builder, settings => settings.UnavailableRate = Rate(rate));
    }

    /// <summary>Answers a share of requests with Clarifai's throttling status (11005 <c>CONN_THROTTLED</c>).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="rate">The share, from 0 to 1.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithThrottleRate(this IResourceBuilder<ClarifaiEmulatorResource> builder, double rate)
    {
        return Configure(builder, settings => settings.ThrottleRate = Rate(rate));
    }

    /// <summary>Handles a share of requests but answers them with <c>Unavailable</c>: the case only idempotent retries survive.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="rate">The share, from 0 to 1.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithLostResponseRate(this IResourceBuilder<ClarifaiEmulatorResource> builder, double rate)
    {
        return Configure(builder, settings => settings.LostResponseRate = Rate(rate));
    }

    /// <summary>Fails a share of added inputs with 30002 (<c>INPUT_DOWNLOAD_FAILED</c>), each in its own status.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="rate">The share, from 0 to 1.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithInputFailureRate(this IResourceBuilder<ClarifaiEmulatorResource> builder, double rate)
    {
        return Configure(builder, settings => settings.InputFailureRate = Rate(rate));
    }

    /// <summary>Answers at most this many requests a second; the rest get 11005 <c>CONN_THROTTLED</c>.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="requestsPerSecond">The limit, 1 or more.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithMaxRequestsPerSecond(this IResourceBuilder<ClarifaiEmulatorResource> builder, int requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        return Configure(builder, settings => settings.MaxRequestsPerSecond = requestsPerSecond);
    }

    /// <summary>Seeds the fault draws, so that a run's faults repeat (the server's default seed is 42).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithFaultSeed(this IResourceBuilder<ClarifaiEmulatorResource> builder, int seed)
    {
        return Configure(builder, settings => settings.Seed = seed);
    }

    /// <summary>Sets how long training a model version takes (the server's default is 200 ms).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="duration">The time, whole milliseconds, zero or more.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithTrainingDuration(this IResourceBuilder<ClarifaiEmulatorResource> builder, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return Configure(builder, settings => settings.TrainingDuration = duration);
    }

    /// <summary>
    /// Whether <c>https://samples.clarifai.com/…</c> image URLs are answered from the server's built-in images (on by
    /// default, so that nothing is fetched from the internet) or refused like any other host not allowed.
    /// </summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="enabled">Whether to answer them.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithOfflineSamples(this IResourceBuilder<ClarifaiEmulatorResource> builder, bool enabled = true)
    {
        return Configure(builder, settings => settings.OfflineSamples = enabled);
    }

    /// <summary>Lets the server fetch image URLs from <paramref name="host"/> too (loopback is always allowed).</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="host">The host name.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithAllowedUrlHost(this IResourceBuilder<ClarifaiEmulatorResource> builder, string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown) throw new ArgumentException("Not a host name.", nameof(host));
        return Configure(builder, settings => settings.AllowedUrlHosts.Add(host));
    }

    /// <summary>Runs this version of the <c>Clarifai.LocalServer</c> tool instead of the one matching this package.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="version">A NuGet version.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithLocalServerVersion(this IResourceBuilder<ClarifaiEmulatorResource> builder, string version)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return builder.WithToolVersion(version);
    }

    /// <summary>Also looks for the <c>Clarifai.LocalServer</c> tool in this NuGet source (a folder or a feed), besides the configured ones.</summary>
    /// <param name="builder">The emulator's builder.</param>
    /// <param name="source">The source.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiEmulatorResource> WithLocalServerSource(this IResourceBuilder<ClarifaiEmulatorResource> builder, string source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return builder.WithToolSource(source);
    }

    private static IResourceBuilder<ClarifaiEmulatorResource> Configure(IResourceBuilder<ClarifaiEmulatorResource> builder, Action<ClarifaiEmulatorSettings> set)
    {
        ArgumentNullException.ThrowIfNull(builder);
        set(builder.Resource.Settings);
        return builder;
    }

    private static double Rate(double rate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(rate))] string? name = null)
    {
        if (!(rate is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(name, rate, "A rate is a share of requests, from 0 to 1.");
        return rate;
    }
}
