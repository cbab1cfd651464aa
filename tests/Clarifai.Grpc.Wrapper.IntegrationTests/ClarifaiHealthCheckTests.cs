using System.Net;
using System.Net.Sockets;
using Clarifai.Aspire.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The Clarifai health check over loopback: healthy against the local server, unhealthy against a wrong key and a dead port.</summary>
[TestFixture]
public sealed class ClarifaiHealthCheckTests : SharedEmulatorFixture
{
    private static async Task<HealthReport> CheckAsync(ClarifaiClientOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new ClarifaiClient(options));
        services.AddHealthChecks().AddClarifai(timeout: TimeSpan.FromSeconds(2));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    [Test]
    public async Task TheLocalServer_IsHealthy_AWrongKeyAndADeadPortAreNot_AndNoMessageHoldsTheKey()
    {
        var healthy = await CheckAsync(EmulatorClients.Options(Emulator, EmulatorClients.NewAppId()));
        var wrongKey = EmulatorClients.Options(Emulator, "app");
        wrongKey.ApiKey = "not-the-key-123";
        var refused = await CheckAsync(wrongKey);
        var dead = EmulatorClients.Options(Emulator, "app");
        dead.Endpoint = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var unreachable = await CheckAsync(dead);

        Assert.Multiple(() =>
        {
            Assert.That(healthy.Entries["clarifai"].Status, Is.EqualTo(HealthStatus.Healthy), healthy.Entries["clarifai"].Description);
            Assert.That(refused.Entries["clarifai"].Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(refused.Entries["clarifai"].Description, Does.Contain("11008").Or.Contain("key").IgnoreCase.And.Not.Contain("not-the-key-123"));
            Assert.That(unreachable.Entries["clarifai"].Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(unreachable.TotalDuration, Is.LessThan(TimeSpan.FromSeconds(10)), "within the check's timeout, not the client's");
        });
    }

    [Test]
    public async Task ACheckRunByHand_WithoutARegistration_ReportsUnhealthy()
    {
        var dead = EmulatorClients.Options(Emulator, "app");
        dead.Endpoint = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        using var client = new ClarifaiClient(dead);

        var result = await new ClarifaiHealthCheck(client, TimeSpan.FromSeconds(2)).CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
    }
}
