using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>Adds Clarifai to an app host: the real API as a resource, or the local server in its place.</summary>
public static class ClarifaiResourceBuilderExtensions
{
    /// <summary>The resource type the dashboard shows for <see cref="ClarifaiResource"/>.</summary>
    internal const string ResourceType = "Clarifai";

    /// <summary>
    /// Adds the Clarifai API as a resource: services that reference it get the connection string
    /// <c>ConnectionStrings:{name}</c> (<c>Endpoint=https://api.clarifai.com;ApiKey=…</c>, with <c>UserId</c> and
    /// <c>AppId</c> once <see cref="WithApp"/> sets them), which <c>AddClarifaiClient(name)</c> reads.
    /// </summary>
    /// <param name="builder">The app host's builder.</param>
    /// <param name="name">The resource's name, and the connection string's.</param>
    /// <param name="apiKey">
    /// The secret parameter holding the key (a personal access token or an app key); by default a secret parameter
    /// named <c>{name}-api-key</c>, read from <c>Parameters:{name}-api-key</c> (user secrets, environment). Not needed,
    /// and dropped, once <see cref="RunAsEmulator"/> runs the local server instead.
    /// </param>
    /// <returns>The resource's builder.</returns>
    public static IResourceBuilder<ClarifaiResource> AddClarifai(this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ParameterResource>? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var key = apiKey?.Resource ?? builder.AddParameter($"{name}-api-key", secret: true).Resource;
        var resource = new ClarifaiResource(name, key) { OwnsApiKeyParameter = apiKey is null };
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .OnInitializeResource(InitializeAsync);
    }

    /// <summary>Sets the app the connection string names (<c>UserId</c>, <c>AppId</c>): the app calls act on by default.</summary>
    /// <param name="builder">The resource's builder.</param>
    /// <param name="userId">The user the app belongs to.</param>
    /// <param name="appId">The app.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<ClarifaiResource> WithApp(this IResourceBuilder<ClarifaiResource> builder, string userId, string appId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ClarifaiIds.ThrowIfInvalid(userId);
        ClarifaiIds.ThrowIfInvalid(appId);
        builder.Resource.UserId = userId;
        builder.Resource.AppId = appId;
        return builder;
    }

    /// <summary>Sets the real API's endpoint (a private deployment's, say); the default is <c>https://api.clarifai.com</c>.</summary>
    /// <param name="builder">The resource's builder.</param>
    /// <param name="endpoint">An absolute <c>https</c> address.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The address is not absolute <c>https</c>: the key must not cross a network in plaintext.</exception>
    public static IResourceBuilder<ClarifaiResource> WithApiEndpoint(this IResourceBuilder<ClarifaiResource> builder, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps || endpoint.Query.Length > 0)
        {
            throw new ArgumentException("The Clarifai endpoint must be an absolute https address without a query; the local server is run with RunAsEmulator().", nameof(endpoint));
        }

        builder.Resource.Endpoint = endpoint;
        return builder;
    }

    /// <summary>
    /// Runs the Clarifai-compatible local server in the API's place while the app host runs (in publish mode the
    /// resource stays the real API): a child resource <c>{name}-emulator</c> running the <c>Clarifai.LocalServer</c>
    /// .NET tool of this package's version with <c>dotnet tool exec</c>, on ports the app host picks, with a token and an
    /// app key generated for the run. The connection string then reads
    /// <c>Endpoint=http://localhost:port;ApiKey=token[;UserId=…;AppId=…]</c>; the resource turns Running once the server
    /// answers its gRPC health check, so services that <c>WaitFor</c> it start against a server that is up.
    /// </summary>
    /// <param name="builder">The resource's builder.</param>
    /// <param name="configure">Sets the server's options: faults, latency, training time, the tool's version or feed.</param>
    /// <returns>The builder of the Clarifai resource.</returns>
    /// <exception cref="InvalidOperationException">The resource already runs an emulator.</exception>
    public static IResourceBuilder<ClarifaiResource> RunAsEmulator(this IResourceBuilder<ClarifaiResource> builder, Action<IResourceBuilder<ClarifaiEmulatorResource>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.ApplicationBuilder;
        if (app.ExecutionContext.IsPublishMode) return builder;

        var clarifai = builder.Resource;
        if (clarifai.Emulator is not null) throw new InvalidOperationException($"The Clarifai resource '{clarifai.Name}' already runs as an emulator.");

        // The generated keys are secrets of the run: letters and digits only, so they sit in a connection string unquoted.
        var token = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(app, $"{clarifai.Name}-emulator-token", special: false);
        var appKey = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(app, $"{clarifai.Name}-emulator-app-key", special: false);
        var emulator = new ClarifaiEmulatorResource($"{clarifai.Name}-emulator", clarifai, token, appKey);
        if (clarifai.OwnsApiKeyParameter) app.Resources.Remove(clarifai.ApiKey);
        clarifai.Emulator = emulator;

        var healthCheckKey = $"{emulator.Name}_check";
        app.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new LocalServerHealthCheck(emulator.GrpcEndpoint), failureStatus: null, tags: null));

        var emulatorBuilder = app.AddDotnetTool(emulator)
            .WithToolVersion(ClarifaiEmulatorResource.DefaultVersion)
            .WithHttpEndpoint(name: ClarifaiEmulatorResource.GrpcEndpointName)
            .WithEndpoint(ClarifaiEmulatorResource.GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(name: ClarifaiEmulatorResource.RestEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(emulator.GrpcEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--rest-port");
                context.Args.Add(emulator.RestEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var argument in emulator.Settings.ToArguments()) context.Args.Add(argument);
            })
            .WithEnvironment(context =>
            {
                // Keys in the environment, not on the command line (which any local user can read), and not in its output.
                context.EnvironmentVariables[LocalServerVariables.Key] = token;
                context.EnvironmentVariables[LocalServerVariables.AppKey] = ReferenceExpression.Create($"{appKey}:{emulator.UserId}/{emulator.AppId}");
            })
            .WithHealthCheck(healthCheckKey)
            .WithParentRelationship(clarifai)
            .WithAnnotation(new EmulatorResourceAnnotation());

        // Not WaitFor(emulator): Aspire's wait for a healthy resource does not notice the process exiting once it ran, so
        // a server that stops at once (its package not in any feed, say) would leave everything waiting. InitializeAsync
        // waits for healthy or stopped, and fails the resource in the second case.
        builder.WithAnnotation(new EmulatorResourceAnnotation());
        configure?.Invoke(emulatorBuilder);
        return builder;
    }

    // A custom resource has no process of its own: it is Running once what it waits for (the emulator, when there is
    // one) is healthy and its connection string can be resolved, as Aspire's own connection-string resources do.
    private static async Task InitializeAsync(ClarifaiResource resource, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.Emulator is { } emulator) await WaitForEmulatorAsync(resource, emulator, e, cancellationToken).ConfigureAwait(false);
            await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(resource, e.Services), cancellationToken).ConfigureAwait(false);
            _ = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
            await e.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                Properties =
                [
                    .. snapshot.Properties.Where(property => property.Name != CustomResourceKnownProperties.Source),
                    new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, resource.Emulator is null ? resource.Endpoint.Host : ClarifaiEmulatorResource.PackageId),
                ],
            }).ConfigureAwait(false);
            await e.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, e.Services), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClarifaiHostingLog.CouldNotStart(e.Logger, exception, resource.Name);
            await e.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }

    private static async Task WaitForEmulatorAsync(ClarifaiResource resource, ClarifaiEmulatorResource emulator, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        await e.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = KnownResourceStates.Waiting }).ConfigureAwait(false);
        var settled = await e.Notifications.WaitForResourceAsync(
            emulator.Name,
            update => IsServing(update.Snapshot) || KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text),
            cancellationToken).ConfigureAwait(false);
        if (!IsServing(settled.Snapshot))
        {
            var exitCode = settled.Snapshot.ExitCode is { } code ? $", exit code {code}" : string.Empty;
            throw new DistributedApplicationException(
                $"The local server '{emulator.Name}' stopped ({settled.Snapshot.State?.Text}{exitCode}) before it answered its health check; its log says why (a Clarifai.LocalServer package of version {emulator.ToolVersion} not in any NuGet feed, for one).");
        }

        static bool IsServing(CustomResourceSnapshot snapshot) =>
            snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;
    }
}
