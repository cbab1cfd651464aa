using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Clarifai.Aspire.Client;
using Clarifai.Grpc.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary>
/// <c>RunAsEmulator()</c>: the local server as a child resource — what it runs, with which arguments and environment,
/// the connection string it gives services (checked against a real local server), and its health probe.
/// </summary>
[TestFixture]
public sealed class ClarifaiEmulatorResourceTests
{
    [Test]
    public void RunAsEmulator_AddsTheLocalServerTool_AsAChildWithItsEndpointsProbeAndMarks()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai").RunAsEmulator();

        var emulator = builder.Resources.OfType<ClarifaiEmulatorResource>().Single();
        var endpoints = emulator.Annotations.OfType<EndpointAnnotation>().ToDictionary(endpoint => endpoint.Name);

        Assert.Multiple(() =>
        {
            Assert.That(emulator.Name, Is.EqualTo("clarifai-emulator"));
            Assert.That(emulator.Clarifai, Is.SameAs(clarifai.Resource));
            Assert.That(emulator.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Parent").Select(r => r.Resource), Is.EqualTo(new[] { clarifai.Resource }), "shown under it");
            Assert.That(clarifai.Resource.Emulator, Is.SameAs(emulator));
            Assert.That(emulator.Command, Is.EqualTo("dotnet"));
            Assert.That(ClarifaiEmulatorResource.DefaultVersion, Is.EqualTo(typeof(ClarifaiEmulatorResource).Assembly.GetName().Version!.ToString()), "the tool of this package's own version");
            Assert.That(endpoints.Keys, Is.EquivalentTo(new[] { "grpc", "rest" }));
            Assert.That(endpoints["grpc"].Transport, Is.EqualTo("http2"));
            Assert.That(endpoints["grpc"].UriScheme, Is.EqualTo("http"));
            Assert.That(endpoints["grpc"].Port, Is.Null, "a port the app host picks");
            Assert.That(emulator.Annotations.OfType<HealthCheckAnnotation>().Select(check => check.Key), Is.EqualTo(new[] { "clarifai-emulator_check" }));
            Assert.That(emulator.Annotations.OfType<EmulatorResourceAnnotation>(), Is.Not.Empty);
            Assert.That(clarifai.Resource.Annotations.OfType<EmulatorResourceAnnotation>(), Is.Not.Empty);
            Assert.That(builder.Resources.OfType<ParameterResource>(), Is.Empty, "the real API's key parameter is not asked for");
            Assert.That(clarifai.Resource.ConnectionStringExpression.ValueExpression, Is.EqualTo("Endpoint={clarifai-emulator.bindings.grpc.url};ApiKey={clarifai-emulator-token.value};UserId=emulator-user;AppId=emulator-app"), "an app out of the box");
            Assert.That(() => clarifai.RunAsEmulator(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public async Task TheServer_IsStartedOnItsPorts_WithTheRunsKeysInItsEnvironment_NeverOnItsCommandLine()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai").WithApp("ann", "photos").RunAsEmulator();
        var emulator = clarifai.Resource.Emulator!;
        AppHosts.Allocate(emulator, "grpc", 6101);
        AppHosts.Allocate(emulator, "rest", 6102);

        var (arguments, environment) = await AppHosts.LaunchOf(emulator);
        var connectionString = new DbConnectionStringBuilder { ConnectionString = await clarifai.Resource.ConnectionStringExpression.GetValueAsync(default) };
        var token = environment["CLARIFAI_LOCAL_SERVER_KEY"];
        var appKey = environment["CLARIFAI_LOCAL_SERVER_APP_KEY"];

        Assert.Multiple(() =>
        {
            Assert.That(arguments, Is.EqualTo(new[]
            {
                "tool", "exec", "Clarifai.LocalServer", "--version", ClarifaiEmulatorResource.DefaultVersion, "--yes", "--",
                "--port", "6101", "--rest-port", "6102", "--offline-samples",
            }));
            Assert.That(token, Has.Length.GreaterThanOrEqualTo(16).And.Match("^[A-Za-z0-9]+$"));
            Assert.That(appKey, Does.Match("^[A-Za-z0-9]{16,}:ann/photos$"));
            Assert.That(appKey, Does.Not.StartWith(token + ":"), "the app key is a secret of its own");
            Assert.That(arguments, Has.None.Contains(token));
            Assert.That(connectionString["Endpoint"], Is.EqualTo("http://localhost:6101"));
            Assert.That(connectionString["ApiKey"], Is.EqualTo(token), "services get the token the server accepts");
            Assert.That(connectionString["UserId"], Is.EqualTo("ann"));
            Assert.That(connectionString["AppId"], Is.EqualTo("photos"));
        });
    }

    [Test]
    public async Task TheFluentOptions_BecomeTheServersOptions()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai").RunAsEmulator(emulator => emulator
            .WithLatency(TimeSpan.FromMilliseconds(25))
            .WithUnavailableRate(0.1)
            .WithThrottleRate(0.2)
            .WithLostResponseRate(0.05)
            .WithInputFailureRate(0.5)
            .WithMaxRequestsPerSecond(40)
            .WithFaultSeed(7)
            .WithTrainingDuration(TimeSpan.FromSeconds(1))
            .WithAllowedUrlHost("images.example.test")
            .WithOfflineSamples(false)
            .WithLocalServerVersion("1.2.3-preview")
            .WithLocalServerSource("/feeds/local"));
        var emulator = clarifai.Resource.Emulator!;
        AppHosts.Allocate(emulator, "grpc", 6101);
        AppHosts.Allocate(emulator, "rest", 6102);

        var (arguments, _) = await AppHosts.LaunchOf(emulator);

        Assert.That(arguments, Is.EqualTo(new[]
        {
            "tool", "exec", "Clarifai.LocalServer", "--add-source", "/feeds/local", "--version", "1.2.3-preview", "--yes", "--",
            "--port", "6101", "--rest-port", "6102",
            "--allow-url-host", "images.example.test", "--training-ms", "1000",
            "--latency-ms", "25", "--unavailable-rate", "0.1", "--throttle-rate", "0.2", "--lost-response-rate", "0.05",
            "--input-failure-rate", "0.5", "--max-rps", "40", "--seed", "7",
        }));
    }

    [Test]
    public void BadOptions_AreRefusedWhenTheModelIsBuilt()
    {
        var builder = AppHosts.Run();
        IResourceBuilder<ClarifaiEmulatorResource> emulator = null!;
        builder.AddClarifai("clarifai").RunAsEmulator(e => emulator = e);

        Assert.Multiple(() =>
        {
            Assert.That(() => emulator.WithUnavailableRate(1.5), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("rate"));
            Assert.That(() => emulator.WithThrottleRate(double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => emulator.WithLatency(TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => emulator.WithMaxRequestsPerSecond(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => emulator.WithAllowedUrlHost("not a host"), Throws.ArgumentException);
            Assert.That(() => emulator.WithLocalServerVersion(" "), Throws.ArgumentException);
        });
    }

    [Test]
    public async Task InPublishMode_TheResourceStaysTheRealApi_InTheManifestToo()
    {
        var output = Directory.CreateTempSubdirectory("clarifai-manifest-");
        try
        {
            var builder = AppHosts.Publish(output.FullName);
            var clarifai = builder.AddClarifai("clarifai").RunAsEmulator();

            using var app = builder.Build();
            await app.RunAsync();
            var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "aspire-manifest.json")))!;

            Assert.Multiple(() =>
            {
                Assert.That(builder.ExecutionContext.IsPublishMode, Is.True);
                Assert.That(manifest["resources"]?["clarifai"]?["type"]?.GetValue<string>(), Is.EqualTo("value.v0"));
                Assert.That(manifest["resources"]?["clarifai"]?["connectionString"]?.GetValue<string>(), Is.EqualTo("Endpoint=https://api.clarifai.com;ApiKey={clarifai-api-key.value}"));
                Assert.That(manifest["resources"]?["clarifai-api-key"]?["type"]?.GetValue<string>(), Does.StartWith("parameter."));
                Assert.That(clarifai.Resource.Emulator, Is.Null);
                Assert.That(builder.Resources.OfType<ClarifaiEmulatorResource>(), Is.Empty);
                Assert.That(clarifai.Resource.ConnectionStringExpression.ValueExpression, Does.StartWith("Endpoint=https://api.clarifai.com;ApiKey={clarifai-api-key.value}"));
            });
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Test]
    public async Task TheConnectionString_IsAcceptedByALocalServerStartedAsTheResourceStartsIt_TheTokenAndTheAppKeyBoth()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai").WithApp("ann", "photos").RunAsEmulator();
        var emulator = clarifai.Resource.Emulator!;
        var environment = await AppHosts.EnvironmentOf(emulator);

        // The server reads its keys the way the tool does when the app host starts it.
        var options = EmulatorCommandLine.Parse(["--port", "0"], name => environment.GetValueOrDefault(name));
        await using var server = await ClarifaiEmulator.StartAsync(options);
        AppHosts.Allocate(emulator, "grpc", server.Endpoint.Port);
        var connectionString = await clarifai.Resource.ConnectionStringExpression.GetValueAsync(default);

        var byToken = await HealthOf(connectionString!);
        var byAppKey = await HealthOf($"Endpoint={server.Endpoint};ApiKey={environment["CLARIFAI_LOCAL_SERVER_APP_KEY"].Split(':')[0]}");
        var byWrongKey = await HealthOf($"Endpoint={server.Endpoint};ApiKey=not-the-token");

        Assert.Multiple(() =>
        {
            Assert.That(byToken.Status, Is.EqualTo(HealthStatus.Healthy), byToken.Description);
            Assert.That(byAppKey.Status, Is.EqualTo(HealthStatus.Healthy), byAppKey.Description);
            Assert.That(byWrongKey.Status, Is.EqualTo(HealthStatus.Unhealthy), "the server checks the key: the two above are its own");
        });
    }

    [Test]
    public async Task TheHealthProbe_IsHealthyWhenTheServerServes_AndUnhealthyOnADeadPort()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai").RunAsEmulator();
        var emulator = clarifai.Resource.Emulator!;
        await using var app = builder.Build();
        var checks = app.Services.GetRequiredService<HealthCheckService>();

        var unallocated = await checks.CheckHealthAsync();
        await using (var server = await ClarifaiEmulator.StartAsync(new EmulatorOptions { Port = 0, RestPort = 0 }))
        {
            AppHosts.Allocate(emulator, "grpc", server.Endpoint.Port);
            var serving = await checks.CheckHealthAsync();
            AppHosts.Allocate(emulator, "grpc", LoopbackPorts.Free());
            var dead = await checks.CheckHealthAsync();

            Assert.Multiple(() =>
            {
                Assert.That(unallocated.Entries["clarifai-emulator_check"].Status, Is.EqualTo(HealthStatus.Unhealthy));
                Assert.That(serving.Entries["clarifai-emulator_check"].Status, Is.EqualTo(HealthStatus.Healthy), serving.Entries["clarifai-emulator_check"].Description);
                Assert.That(dead.Entries["clarifai-emulator_check"].Status, Is.EqualTo(HealthStatus.Unhealthy));
                Assert.That(dead.Entries["clarifai-emulator_check"].Description, Does.Contain("Unavailable"));
            });
        }
    }

    private static async Task<HealthCheckResult> HealthOf(string connectionString)
    {
        var options = new ClarifaiClientOptions();
        ClarifaiConnectionString.Apply(connectionString, options);
        using var client = new ClarifaiClient(options);
        return await new ClarifaiHealthCheck(client, TimeSpan.FromSeconds(5)).CheckHealthAsync(new HealthCheckContext());
    }
}
