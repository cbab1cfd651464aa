using Clarifai.Grpc.Wrapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ClarifaiClient"/> in a service collection.</summary>
public static class ClarifaiServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddClarifai(IServiceCollection, IConfiguration)"/> reads by convention.</summary>
    public const string ConfigurationSectionName = "Clarifai";

    /// <summary>
    /// Registers a singleton <see cref="ClarifaiClient"/> (one channel for the whole application) configured by
    /// <paramref name="configure"/>, and its services (<see cref="InputService"/>, <see cref="ModelService"/>,
    /// <see cref="ModelVersionService"/>, <see cref="PredictionService"/>) for injection.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddClarifai(this IServiceCollection services, Action<ClarifaiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddClarifaiCore(services);
    }

    /// <summary>
    /// Registers a singleton <see cref="ClarifaiClient"/> bound to configuration: <paramref name="configuration"/>
    /// is either the root (the <c>Clarifai</c> section is read) or the section itself. Keys: <c>ApiKey</c>,
    /// <c>UserId</c>, <c>AppId</c>, <c>Endpoint</c>, <c>AllowInsecureCredentials</c>, <c>Timeout</c>,
    /// <c>Retry:MaxAttempts</c>, <c>Retry:InitialBackoff</c>, …
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root, or its <c>Clarifai</c> section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddClarifai(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: ConfigurationSectionName } own ? own : configuration.GetSection(ConfigurationSectionName);
        services.Configure<ClarifaiClientOptions>(options => ClarifaiConfigurationBinder.Bind(section, options));
        return AddClarifaiCore(services);
    }

    private static IServiceCollection AddClarifaiCore(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new ClarifaiClient(
            provider.GetRequiredService<IOptions<ClarifaiClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Inputs);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Models);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Concepts);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Search);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Workflows);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().ModelVersions);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Predictions);
        services.TryAddSingleton(provider => provider.GetRequiredService<ClarifaiClient>().Uploads);
        return services;
    }
}
