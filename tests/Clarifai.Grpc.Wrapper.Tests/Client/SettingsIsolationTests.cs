using Clarifai.Grpc.Wrapper.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clarifai.Grpc.Wrapper.Tests.Client;

/// <summary>Settings are values: configuring one client never changes another, nor the defaults of the process.</summary>
[TestFixture]
public sealed class SettingsIsolationTests
{
    [Test]
    public void BindingConfiguration_LeavesTheProcessWideDefaultsAlone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clarifai:ApiKey"] = TestClients.ApiKey,
            ["Clarifai:Retry:MaxAttempts"] = "2",
            ["Clarifai:Retry:InitialBackoff"] = "00:00:03",
            ["Clarifai:Polling:Timeout"] = "00:00:07",
            ["Clarifai:Polling:InitialDelay"] = "00:00:02",
        }).Build();
        using var provider = new ServiceCollection().AddClarifai(configuration).BuildServiceProvider();

        var configured = provider.GetRequiredService<ClarifaiClient>();

        Assert.Multiple(() =>
        {
            Assert.That(configured.Options.Retry.MaxAttempts, Is.EqualTo(2), "the bound client got its settings");
            Assert.That(configured.Options.Polling.Timeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(RetrySettings.Default.MaxAttempts, Is.EqualTo(5));
            Assert.That(RetrySettings.Default.InitialBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
            Assert.That(PollingSettings.Default.Timeout, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(PollingSettings.Default.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
            Assert.That(new ClarifaiClientOptions().Retry.MaxAttempts, Is.EqualTo(5), "a new client's options");
            Assert.That(new ClarifaiClientOptions().Polling.Timeout, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(UploadOptions.Default.Retry.MaxAttempts, Is.EqualTo(8));
        });
    }

    [Test]
    public void AClient_KeepsItsOwnCopy_WhenTheOptionsSettingsAreRewrittenAfterwards()
    {
        var options = TestClients.Options();
        using var client = new ClarifaiClient(options, new MockV2().Invoker.Object);

        // What configuration binding does to an existing instance: write its init-only properties by reflection.
        typeof(RetrySettings).GetProperty(nameof(RetrySettings.MaxAttempts))!.SetValue(options.Retry, 1);

        Assert.That(client.Options.Retry.MaxAttempts, Is.Not.EqualTo(1));
    }

    [Test]
    public void TheSharedDefaults_AreNewInstances_SoNothingCanChangeThem()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RetrySettings.Default, Is.Not.SameAs(RetrySettings.Default));
            Assert.That(PollingSettings.Default, Is.Not.SameAs(PollingSettings.Default));
            Assert.That(UploadOptions.Default, Is.Not.SameAs(UploadOptions.Default));
            Assert.That(new ClarifaiClientOptions().Retry, Is.Not.SameAs(new ClarifaiClientOptions().Retry));
        });
    }
}
