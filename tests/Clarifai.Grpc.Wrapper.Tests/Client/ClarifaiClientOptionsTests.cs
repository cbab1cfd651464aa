namespace Clarifai.Grpc.Wrapper.Tests.Client;

[TestFixture]
public sealed class ClarifaiClientOptionsTests
{
    [Test]
    public void FromEnvironment_ReadsClarifaisVariables()
    {
        var variables = new Dictionary<string, string>
        {
            ["CLARIFAI_PAT"] = "pat-123",
            ["CLARIFAI_USER_ID"] = "me",
            ["CLARIFAI_APP_ID"] = "pets-app",
            ["CLARIFAI_API_BASE"] = "https://api.example.test:8443",
        };

        var options = ClarifaiClientOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.EqualTo("pat-123"));
            Assert.That(options.UserId, Is.EqualTo("me"));
            Assert.That(options.AppId, Is.EqualTo("pets-app"));
            Assert.That(options.Endpoint, Is.EqualTo(new Uri("https://api.example.test:8443")));
        });
    }

    [Test]
    public void FromEnvironment_WithNothingSet_KeepsTheDefaults()
    {
        var options = ClarifaiClientOptions.FromEnvironment(_ => null);

        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.Null);
            Assert.That(options.Endpoint, Is.EqualTo(new Uri("https://api.clarifai.com")));
            Assert.That(options.Endpoint.Port, Is.EqualTo(443));
        });
    }

    [TestCase("api.clarifai.com", "https://api.clarifai.com/")]
    [TestCase("api.clarifai.com:443", "https://api.clarifai.com/")]
    [TestCase("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void ParseEndpoint_AcceptsUrlsAndBareHosts(string value, string expected) =>
        Assert.That(ClarifaiClientOptions.ParseEndpoint(value).ToString(), Is.EqualTo(expected));

    [TestCase("ftp://example.test")]
    [TestCase("   ")]
    public void ParseEndpoint_RefusesWhatIsNotAnHttpAddress(string value) =>
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => ClarifaiClientOptions.ParseEndpoint(value));

    [Test]
    public void Validate_WithoutAKey_SaysWhatIsMissing()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClarifaiClientOptions().Validate())!;
        Assert.That(ex.Message, Does.Contain("ApiKey").And.Contain("CLARIFAI_PAT"));
    }

    [Test]
    public void Validate_RefusesTheKeyOverPlaintextHttp_UnlessAllowed()
    {
        var options = new ClarifaiClientOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:5000") };

        var ex = Assert.Throws<ArgumentException>(options.Validate)!;
        options.AllowInsecureCredentials = true;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("plaintext").And.Contain("AllowInsecureCredentials"));
            Assert.DoesNotThrow(options.Validate);
        });
    }

    [Test]
    public void Validate_RefusesAUserWithoutAnApp() =>
        Assert.Throws<ArgumentException>(() => new ClarifaiClientOptions { ApiKey = "k", UserId = "me" }.Validate());

    [TestCase(0)]
    [TestCase(-5)]
    public void Validate_RefusesANonPositiveTimeout(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifaiClientOptions { ApiKey = "k", Timeout = TimeSpan.FromSeconds(seconds) }.Validate());

    [Test]
    public void Validate_AcceptsAnInfiniteTimeout() =>
        Assert.DoesNotThrow(() => new ClarifaiClientOptions { ApiKey = "k", Timeout = Timeout.InfiniteTimeSpan }.Validate());

    [Test]
    public void Validate_RefusesBadRetrySettings()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifaiClientOptions { ApiKey = "k", Retry = new RetrySettings { MaxAttempts = 0 } }.Validate());
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifaiClientOptions { ApiKey = "k", Retry = new RetrySettings { BackoffMultiplier = 0.5 } }.Validate());
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifaiClientOptions { ApiKey = "k", Retry = new RetrySettings { InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(1) } }.Validate());
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClarifaiClientOptions { ApiKey = "k", Polling = new PollingSettings { Timeout = TimeSpan.Zero } }.Validate());
        });
    }

    [Test]
    public void ToString_MasksTheKey()
    {
        var options = new ClarifaiClientOptions { ApiKey = "super-secret-pat", UserId = "me", AppId = "app" };

        Assert.That(options.ToString(), Does.Not.Contain("super-secret-pat").And.Contain("***").And.Contain("me"));
    }

    [Test]
    public void Client_CopiesItsOptions_SoLaterChangesDoNotLeakIn()
    {
        var options = new ClarifaiClientOptions { ApiKey = "k", Endpoint = new Uri("https://a.example.test") };
        using var client = new ClarifaiClient(options);

        options.Endpoint = new Uri("https://b.example.test");

        Assert.Multiple(() =>
        {
            Assert.That(client.Options.Endpoint.Host, Is.EqualTo("a.example.test"));
            Assert.That(client.ToString(), Does.Contain("a.example.test"));
        });
    }

    [Test]
    public void Client_WithInvalidOptions_ThrowsBeforeAnyCall() =>
        Assert.Throws<ArgumentException>(() => _ = new ClarifaiClient(new ClarifaiClientOptions()));
}
