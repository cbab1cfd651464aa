using Clarifai.Aspire.Client;
using Clarifai.Grpc.Wrapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Clarifai client integration, as Aspire's client integrations are made (Aspire.StackExchange.Redis and the
/// like): <c>builder.AddClarifaiClient("clarifai")</c> reads the connection string <c>ConnectionStrings:clarifai</c>
/// and the section <c>Aspire:Clarifai:Client</c>, registers a <see cref="ClarifaiClient"/> (a singleton), and — unless
/// the settings disable them — a health check and OpenTelemetry tracing and metrics of its calls.
/// </summary>
public static class AspireClarifaiExtensions
{
    /// <summary>The configuration section of the settings and client options.</summary>
    public const string DefaultConfigSectionName = "Aspire:Clarifai:Client";

    /// <summary>Registers a <see cref="ClarifaiClient"/> for the resource <paramref name="connectionName"/>.</summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="connectionName">The resource's name: its connection string is <c>ConnectionStrings:{connectionName}</c>.</param>
    /// <param name="configureSettings">Changes the settings after configuration has set them.</param>
    /// <param name="configureOptions">Changes the client's options after the connection string and configuration have set them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="InvalidOperationException">Resolving the client: neither the connection string nor the options give a key.</exception>
    public static IHostApplicationBuilder AddClarifaiClient(this IHostApplicationBuilder builder, string connectionName, Action<ClarifaiClientSettings>? configureSettings = null, Action<ClarifaiClientOptions>? configureOptions = null) =>
        Add(builder, connectionName, serviceKey: null, configureSettings, configureOptions);

    /// <summary>Registers a keyed <see cref="ClarifaiClient"/> (key: <paramref name="name"/>) for the resource of that name.</summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="name">The resource's name and the service key; settings also come from <c>Aspire:Clarifai:Client:{name}</c>.</param>
    /// <param name="configureSettings">Changes the settings after configuration has set them.</param>
    /// <param name="configureOptions">Changes the client's options after the connection string and configuration have set them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static IHostApplicationBuilder AddKeyedClarifaiClient(this IHostApplicationBuilder builder, string name, Action<ClarifaiClientSettings>? configureSettings = null, Action<ClarifaiClientOptions>? configureOptions = null) =>
        Add(builder, name, serviceKey: name, configureSettings, configureOptions);

    private static IHostApplicationBuilder Add(IHostApplicationBuilder builder, string connectionName, string? serviceKey, Action<ClarifaiClientSettings>? configureSettings, Action<ClarifaiClientOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var section = builder.Configuration.GetSection(DefaultConfigSectionName);
        var sections = serviceKey is null ? [section] : new[] { section, section.GetSection(serviceKey) };
        var settings = new ClarifaiClientSettings();
        foreach (var configured in sections) BindSettings(configured, settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString) settings.ConnectionString = connectionString;
        configureSettings?.Invoke(settings);

        ClarifaiClient Create(IServiceProvider provider)
        {
            var options = new ClarifaiClientOptions();
            foreach (var configured in sections) options.Bind(configured);
            if (settings.ConnectionString is { } connection) ClarifaiConnectionString.Apply(connection, options);
            configureOptions?.Invoke(options);
            return new ClarifaiClient(options, provider.GetService<ILoggerFactory>());
        }

        if (serviceKey is null) builder.Services.AddSingleton(Create);
        else builder.Services.AddKeyedSingleton(serviceKey, (provider, _) => Create(provider));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddClarifai(serviceKey is null ? "clarifai" : "clarifai_" + serviceKey, settings.HealthCheckTimeout, serviceKey: serviceKey);
        }

        if (!settings.DisableTracing) builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddClarifaiInstrumentation());
        if (!settings.DisableMetrics) builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddClarifaiInstrumentation());
        return builder;
    }

    /// <summary>The settings a section gives, by the client options' binding rules (plain code: trimming- and Native AOT-safe).</summary>
    private static void BindSettings(IConfiguration section, ClarifaiClientSettings settings)
    {
        settings.ConnectionString = section[nameof(settings.ConnectionString)] ?? settings.ConnectionString;
        settings.DisableHealthChecks = ClarifaiConfigurationBinder.ReadValue(section, nameof(settings.DisableHealthChecks), bool.Parse) ?? settings.DisableHealthChecks;
        settings.DisableTracing = ClarifaiConfigurationBinder.ReadValue(section, nameof(settings.DisableTracing), bool.Parse) ?? settings.DisableTracing;
        settings.DisableMetrics = ClarifaiConfigurationBinder.ReadValue(section, nameof(settings.DisableMetrics), bool.Parse) ?? settings.DisableMetrics;
        settings.HealthCheckTimeout = ClarifaiConfigurationBinder.ReadValue(section, nameof(settings.HealthCheckTimeout), ClarifaiConfigurationBinder.ParseTimeSpan) ?? settings.HealthCheckTimeout;
    }
}
