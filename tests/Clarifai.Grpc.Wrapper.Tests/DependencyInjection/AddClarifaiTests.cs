using Clarifai.Grpc.Wrapper.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public void Binding_LeavesTheObjectsSetInCodeAlone()
    {
        // Objects are set in code, not configuration: binding skips them, whatever the configuration says, and still
        // binds the rest.
        var limiter = new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 3, QueueLimit = 0 });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clarifai:ApiKey"] = "pat",
            ["Clarifai:RateLimiter"] = "fast",
            ["Clarifai:TimeProvider"] = "virtual",
            ["Clarifai:Retry:Jitter"] = "none",
            ["Clarifai:Retry:MaxAttempts"] = "2",
        }).Build();
        using var provider = new ServiceCollection().AddClarifai(configuration).Configure<ClarifaiClientOptions>(o => o.RateLimiter = limiter).BuildServiceProvider();

        var options = provider.GetRequiredService<ClarifaiClient>().Options;

        Assert.Multiple(() =>
        {
            Assert.That(options.RateLimiter, Is.SameAs(limiter));
            Assert.That(options.TimeProvider, Is.SameAs(TimeProvider.System));
            Assert.That(options.Retry.Jitter, Is.SameAs(RetryJitter.Full));
            Assert.That(options.Retry.MaxAttempts, Is.EqualTo(2));
        });
    }

    [Test]
    public void EverySettingOfAValueType_IsBoundFromConfiguration()
    {
        // The binder is plain code (Native AOT): walk the options' shape so that a setting added later cannot be missed.
        var values = new Dictionary<string, string?>();
        var expected = new List<(string Path, object Value)>();
        var seed = 1;
        foreach (var (path, property) in ConfigurationShape.SettingsOf(typeof(ClarifaiClientOptions)))
        {
            object value = property.PropertyType switch
            {
                var t when t == typeof(string) => "value-" + seed,
                var t when t == typeof(Uri) => new Uri($"https://host{seed}.example.test/"),
                var t when t == typeof(bool) => true,
                var t when t == typeof(TimeSpan) => TimeSpan.FromSeconds(seed),
                var t when t == typeof(int) => seed,
                _ => seed + 0.5,
            };
            seed++;
            values["Clarifai:" + path] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            expected.Add((path, value));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddClarifai(configuration).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ClarifaiClientOptions>>().Value;

        object? Read(string path) => path.Split(':').Aggregate((object?)options, (o, name) => o?.GetType().GetProperty(name)!.GetValue(o));
        var missed = expected.Where(e => !Equals(Read(e.Path), e.Value)).Select(e => $"{e.Path}: {Read(e.Path)} instead of {e.Value}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.GreaterThanOrEqualTo(18), "the walk found the settings");
            Assert.That(missed, Is.Empty);
        });
    }

    [Test]
    public void AValueThatDoesNotParse_NamesItsKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clarifai:ApiKey"] = "pat", ["Clarifai:Retry:MaxAttempts"] = "many" }).Build();
        using var provider = new ServiceCollection().AddClarifai(configuration).BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ClarifaiClient>());

        Assert.That(ex!.Message, Does.Contain("'many'").And.Contain("Clarifai:Retry:MaxAttempts"));
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
