using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary><c>AddClarifai</c>: the real API as a resource, its key from a secret parameter, its connection string.</summary>
[TestFixture]
public sealed class ClarifaiResourceTests
{
    [Test]
    public async Task AddClarifai_IsTheRealApi_WithTheKeyOfASecretParameter()
    {
        var builder = AppHosts.Run();
        builder.Configuration["Parameters:clarifai-api-key"] = "pat-from-user-secrets";
        var clarifai = builder.AddClarifai("clarifai").WithApp("ann", "photos");

        var key = builder.Resources.OfType<ParameterResource>().Single();
        var connectionString = await clarifai.Resource.ConnectionStringExpression.GetValueAsync(default);

        Assert.Multiple(() =>
        {
            Assert.That(builder.Resources.OfType<ClarifaiResource>().Single().Name, Is.EqualTo("clarifai"));
            Assert.That(key.Name, Is.EqualTo("clarifai-api-key"));
            Assert.That(key.Secret, Is.True);
            Assert.That(clarifai.Resource.ConnectionStringExpression.ValueExpression, Is.EqualTo("Endpoint=https://api.clarifai.com;ApiKey={clarifai-api-key.value};UserId=ann;AppId=photos"));
            Assert.That(connectionString, Is.EqualTo("Endpoint=https://api.clarifai.com;ApiKey=pat-from-user-secrets;UserId=ann;AppId=photos"));
            Assert.That(clarifai.Resource.Emulator, Is.Null);
            Assert.That(clarifai.Resource.Annotations.OfType<EmulatorResourceAnnotation>(), Is.Empty);
        });
    }

    [Test]
    public void AKeyParameterGiven_IsTheOneUsed_AndNoOtherIsAdded()
    {
        var builder = AppHosts.Run();
        var key = builder.AddParameter("vision-key", secret: true);
        var clarifai = builder.AddClarifai("vision", key).WithApiEndpoint(new Uri("https://clarifai.internal.example/"));

        Assert.Multiple(() =>
        {
            Assert.That(builder.Resources.OfType<ParameterResource>().Select(p => p.Name), Is.EqualTo(new[] { "vision-key" }));
            Assert.That(clarifai.Resource.ConnectionStringExpression.ValueExpression, Is.EqualTo("Endpoint=https://clarifai.internal.example;ApiKey={vision-key.value}"));
        });
    }

    [Test]
    public void BadInput_IsRefusedWhenTheModelIsBuilt_NamingWhatIsWrong()
    {
        var builder = AppHosts.Run();
        var clarifai = builder.AddClarifai("clarifai");

        Assert.Multiple(() =>
        {
            Assert.That(() => clarifai.WithApiEndpoint(new Uri("http://api.clarifai.com")), Throws.ArgumentException.With.Message.Contains("https"));
            Assert.That(() => clarifai.WithApp("ann;ApiKey=x", "photos"), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("userId"));
            Assert.That(() => clarifai.WithApp("ann", " "), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("appId"));
        });
    }
}
