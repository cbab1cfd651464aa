using Clarifai.Aspire.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Clarifai.Grpc.Wrapper.Tests.Aspire;

/// <summary>The client integration: connection string, the Aspire:Clarifai:Client section, health check and telemetry by settings.</summary>
[TestFixture]
public sealed class AddClarifaiClientTests
{
    private static HostApplicationBuilder Builder(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }

    [Test]
    public void TheConnectionStringAndTheSection_ConfigureTheClient_WithAHealthCheckAndTelemetry()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:clarifai"] = "Endpoint=http://127.0.0.1:5080;ApiKey=secret-key;UserId=me;AppId=pets",
            ["Aspire:Clarifai:Client:Timeout"] = "00:00:07",
            ["Aspire:Clarifai:Client:Retry:MaxAttempts"] = "2",
            ["Aspire:Clarifai:Client:HealthCheckTimeout"] = "00:00:03",
        });

        builder.AddClarifaiClient("clarifai");
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<ClarifaiClient>();
        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Multiple(() =>
        {
            Assert.That(host.Services.GetRequiredService<ClarifaiClient>(), Is.SameAs(client), "one client");
            Assert.That((client.Options.Endpoint, client.Options.ApiKey, client.Options.UserId, client.Options.AppId), Is.EqualTo((new Uri("http://127.0.0.1:5080"), "secret-key", "me", "pets")));
            Assert.That(client.Options.AllowInsecureCredentials, Is.True, "a loopback emulator resource speaks plaintext");
            Assert.That((client.Options.Timeout, client.Options.Retry.MaxAttempts), Is.EqualTo((TimeSpan.FromSeconds(7), 2)));
            Assert.That(checks.Select(c => (c.Name, c.Timeout)), Is.EquivalentTo(new[] { ("clarifai", TimeSpan.FromSeconds(4)) }));
            Assert.That(host.Services.GetService<TracerProvider>(), Is.Not.Null);
            Assert.That(host.Services.GetService<MeterProvider>(), Is.Not.Null);
        });
    }

    [Test]
    public void Settings_TurnTheHealthCheckAndTelemetryOff()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:clarifai"] = "ApiKey=k",
            ["Aspire:Clarifai:Client:DisableHealthChecks"] = "true",
            ["Aspire:Clarifai:Client:DisableTracing"] = "true",
        });

        builder.AddClarifaiClient("clarifai", settings => settings.DisableMetrics = true);
        using var host = builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(host.Services.GetService<IOptions<HealthCheckServiceOptions>>()?.Value.Registrations ?? [], Is.Empty);
            Assert.That(host.Services.GetService<TracerProvider>(), Is.Null);
            Assert.That(host.Services.GetService<MeterProvider>(), Is.Null);
            Assert.That(host.Services.GetRequiredService<ClarifaiClient>().Options.Endpoint, Is.EqualTo(ClarifaiClientOptions.DefaultEndpoint), "no endpoint: Clarifai's");
        });
    }

    [Test]
    public void AKeyedClient_TakesItsOwnConnectionAndSection()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:vision"] = "ApiKey=k1;UserId=u;AppId=vision-app",
            ["ConnectionStrings:text"] = "ApiKey=k2;UserId=u;AppId=text-app",
            ["Aspire:Clarifai:Client:Timeout"] = "00:00:09",
            ["Aspire:Clarifai:Client:text:Timeout"] = "00:00:02",
        });

        builder.AddKeyedClarifaiClient("vision");
        builder.AddKeyedClarifaiClient("text");
        using var host = builder.Build();
        var vision = host.Services.GetRequiredKeyedService<ClarifaiClient>("vision");
        var text = host.Services.GetRequiredKeyedService<ClarifaiClient>("text");
        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        Assert.Multiple(() =>
        {
            Assert.That((vision.Options.AppId, vision.Options.Timeout), Is.EqualTo(("vision-app", TimeSpan.FromSeconds(9))));
            Assert.That((text.Options.AppId, text.Options.Timeout), Is.EqualTo(("text-app", TimeSpan.FromSeconds(2))), "its own section over the shared one");
            Assert.That(checks, Is.EquivalentTo(new[] { "clarifai_vision", "clarifai_text" }));
        });
    }

    [Test]
    public void ASettingThatDoesNotParse_NamesItsKey()
    {
        var builder = Builder(new() { ["ConnectionStrings:clarifai"] = "ApiKey=k", ["Aspire:Clarifai:Client:DisableTracing"] = "sometimes" });

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddClarifaiClient("clarifai"));

        Assert.That(ex!.Message, Does.Contain("'sometimes'").And.Contain("Aspire:Clarifai:Client:DisableTracing"));
    }

    [TestCase("ApiKey=k;Password=p", "key 'password'")]
    [TestCase("Endpoint=https://api.clarifai.com;UserId=u", "no ApiKey")]
    [TestCase("ApiKey='unterminated", "malformed")]
    public void ABadConnectionString_IsRefused_WithoutQuotingIt(string connectionString, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => ClarifaiConnectionString.Apply(connectionString, new ClarifaiClientOptions()));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(reason));
            Assert.That(ex.Message, Does.Not.Contain("'p'").And.Not.Contain("unterminated"), "no value quoted");
        });
    }

    [Test]
    public void PlaintextIsAllowed_OnlyOnLoopback()
    {
        var remote = new ClarifaiClientOptions();
        ClarifaiConnectionString.Apply("Endpoint=http://clarifai.example.test:80;ApiKey=k", remote);

        Assert.That(remote.AllowInsecureCredentials, Is.False);
    }
}
