using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary>App host builders for the app-model tests: no dashboard, nothing started.</summary>
internal static class AppHosts
{
    public static IDistributedApplicationBuilder Run() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, AssemblyName = typeof(AppHosts).Assembly.FullName });

    public static IDistributedApplicationBuilder Publish(string outputPath) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DisableDashboard = true,
            AssemblyName = typeof(AppHosts).Assembly.FullName,
            Args = ["--operation", "publish", "--publisher", "manifest", "--output-path", outputPath],
        });

    /// <summary>Gives an endpoint the port DCP would, so that expressions over it resolve.</summary>
    public static void Allocate(IResource resource, string endpointName, int port)
    {
        var annotation = resource.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == endpointName);
        annotation.TargetPort = port;
        annotation.AllocatedEndpoint = new AllocatedEndpoint(annotation, "localhost", port);
    }

    /// <summary>The environment a resource would be started with (its endpoints need no port for it).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentOf(IResource resource) =>
        (await ConfigurationOf(resource, withArguments: false)).EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);

    /// <summary>The arguments and environment a resource would be started with, as the orchestrator resolves them.</summary>
    public static async Task<(string[] Arguments, IReadOnlyDictionary<string, string> Environment)> LaunchOf(IResource resource)
    {
        var configuration = await ConfigurationOf(resource, withArguments: true);
        return ([.. configuration.Arguments.Select(argument => argument.Value)], configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value));
    }

    private static async Task<IExecutionConfigurationResult> ConfigurationOf(IResource resource, bool withArguments)
    {
        var builder = ExecutionConfigurationBuilder.Create(resource).WithEnvironmentVariablesConfig();
        if (withArguments) builder = builder.WithArgumentsConfig();
        var configuration = await builder.BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, CancellationToken.None);
        return configuration.Exception is { } exception ? throw exception : configuration;
    }
}
