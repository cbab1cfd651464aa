using System.Reflection;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Clarifai-compatible local server run in place of the API by <c>RunAsEmulator()</c>: the
/// <see cref="PackageId"/> .NET tool of this package's version, started with <c>dotnet tool exec</c> from the NuGet
/// feeds the app host's folder uses, on ports the app host picks, with a token and an app key generated for the run
/// (handed over in its environment, never on its command line). It answers the gRPC health checking protocol, which
/// the app host probes before it reports the resource healthy.
/// </summary>
public sealed class ClarifaiEmulatorResource : DotnetToolResource
{
    /// <summary>The package of the local server tool.</summary>
    public const string PackageId = "Clarifai.LocalServer";

    internal const string GrpcEndpointName = "grpc";
    internal const string RestEndpointName = "rest";

    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="clarifai">The Clarifai resource it stands in for.</param>
    /// <param name="personalAccessToken">The token the server accepts for any user and app.</param>
    /// <param name="appKey">The app key the server accepts for the Clarifai resource's app.</param>
    public ClarifaiEmulatorResource(string name, ClarifaiResource clarifai, ParameterResource personalAccessToken, ParameterResource appKey)
        : base(name, PackageId)
    {
        ArgumentNullException.ThrowIfNull(clarifai);
        ArgumentNullException.ThrowIfNull(personalAccessToken);
        ArgumentNullException.ThrowIfNull(appKey);
        Clarifai = clarifai;
        PersonalAccessToken = personalAccessToken;
        AppKey = appKey;
        GrpcEndpoint = new EndpointReference(this, GrpcEndpointName);
        RestEndpoint = new EndpointReference(this, RestEndpointName);
    }

    /// <summary>The local server tool's version this package runs by default: its own.</summary>
    public static string DefaultVersion { get; } = OwnVersion();

    /// <summary>
    /// The Clarifai resource it stands in for, shown as its parent. (Not an <c>IResourceWithParent</c>: in Aspire a
    /// child waits for its parent, and here the Clarifai resource waits for the server to be healthy.)
    /// </summary>
    public ClarifaiResource Clarifai { get; }

    /// <summary>The server's gRPC endpoint (HTTP/2 without TLS, on loopback).</summary>
    public EndpointReference GrpcEndpoint { get; }

    /// <summary>The server's REST endpoint (Clarifai's <c>/v2/…</c> JSON API).</summary>
    public EndpointReference RestEndpoint { get; }

    /// <summary>The token the server accepts for any user and app; the Clarifai resource's connection string carries it.</summary>
    public ParameterResource PersonalAccessToken { get; }

    /// <summary>The app key the server accepts for <see cref="UserId"/>/<see cref="AppId"/> only.</summary>
    public ParameterResource AppKey { get; }

    /// <summary>The user of <see cref="AppKey"/>'s app: the Clarifai resource's user, else the local server's default.</summary>
    public string UserId => Clarifai.UserId ?? "emulator-user";

    /// <summary>The app of <see cref="AppKey"/>: the Clarifai resource's app, else the local server's default.</summary>
    public string AppId => Clarifai.AppId ?? "emulator-app";

    /// <summary>The tool's version that runs (<see cref="DefaultVersion"/> unless changed).</summary>
    internal string? ToolVersion => Annotations.OfType<DotnetToolAnnotation>().LastOrDefault()?.Version;

    /// <summary>The server's options set by the fluent methods (faults, latency, training time, …).</summary>
    internal ClarifaiEmulatorSettings Settings { get; } = new();

    private static string OwnVersion()
    {
        var version = typeof(ClarifaiEmulatorResource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ClarifaiEmulatorResource).Assembly.GetName().Version!.ToString();

        // The build appends "+<commit>" to the informational version; the package's version is what comes before it.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
