using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clarifai.Grpc.Wrapper.Tests.DependencyInjection;

[TestFixture]
public sealed class AddClarifaiTests
{
    [Test]
    public void AddClarifai_BindsTheClarifaiSection_AndRegistersOneClientWithItsServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clarifai:ApiKey"] = "pat-from-config",
            ["Clarifai:UserId"] = "me",
            ["Clarifai:AppId"] = "pets-app",
            ["Clarifai:Endpoint"] = "https://api.example.test",
            ["Clarifai:Timeout"] = "00:00:15",
            ["Clarifai:Retry:MaxAttempts"] = "7",
            ["Clarifai:Polling:Timeout"] = "00:05:00",
        }).Build();
        using var provider = new ServiceCollection().AddClarifai(configuration).BuildServiceProvider();

        var client = provider.GetRequiredService<ClarifaiClient>();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<ClarifaiClient>(), Is.SameAs(client), "singleton");
            Assert.That(client.Options.ApiKey, Is.EqualTo("pat-from-config"));
            Assert.That(client.Options.AppId, Is.EqualTo("pets-app"));
            Assert.That(client.Options.Endpoint, Is.EqualTo(new Uri("https://api.example.test")));
            Assert.That(client.Options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(client.Options.Retry.MaxAttempts, Is.EqualTo(7));
            Assert.That(client.Options.Retry.InitialBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(100)), "unbound keys keep their defaults");
            Assert.That(client.Options.Polling.Timeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(provider.GetRequiredService<InputService>(), Is.SameAs(client.Inputs));
            Assert.That(provider.GetRequiredService<ModelService>(), Is.SameAs(client.Models));
            Assert.That(provider.GetRequiredService<ModelVersionService>(), Is.SameAs(client.ModelVersions));
            Assert.That(provider.GetRequiredService<PredictionService>(), Is.SameAs(client.Predictions));
        });
    }

    [Test]
    public void AddClarifai_WithADelegate_ConfiguresTheClient()
    {
        using var provider = new ServiceCollection()
            .AddClarifai(o => { o.ApiKey = "pat"; o.Endpoint = new Uri("http://127.0.0.1:9"); o.AllowInsecureCredentials = true; })
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ClarifaiClient>().Options.Endpoint.Port, Is.EqualTo(9));
    }

    [Test]
    public void AddClarifai_WithoutAKey_FailsOnResolveWithAClearMessage()
    {
        using var provider = new ServiceCollection().AddClarifai(_ => { }).BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<ClarifaiClient>());

        Assert.That(ex!.Message, Does.Contain("ApiKey"));
    }

    [Test]
    public void TheClient_IsDisposedWithTheContainer()
    {
        var provider = new ServiceCollection().AddClarifai(o => o.ApiKey = "pat").BuildServiceProvider();
        var client = provider.GetRequiredService<ClarifaiClient>();

        provider.Dispose();

        Assert.That(() => client.GrpcClient.ListConcepts(new Clarifai.Api.ListConceptsRequest()), Throws.InstanceOf<ObjectDisposedException>());
    }
}
