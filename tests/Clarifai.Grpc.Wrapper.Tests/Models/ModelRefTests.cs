using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Models;

[TestFixture]
public sealed class ModelRefTests
{
    [TestCase("https://clarifai.com/clarifai/main/models/general-image-recognition", "clarifai", "main", "general-image-recognition", null)]
    [TestCase("https://www.clarifai.com/openai/chat-completion/models/gpt-4o/model-version/abc123", "openai", "chat-completion", "gpt-4o", "abc123")]
    [TestCase("https://clarifai.com/u/a/models/m/versions/v1?tab=overview", "u", "a", "m", "v1")]
    [TestCase("pets", null, null, "pets", null)]
    public void Parse_ReadsUrlsAndBareIds(string value, string? user, string? app, string model, string? version) =>
        Assert.That(ModelRef.Parse(value), Is.EqualTo(new ModelRef(model, user, app, version)));

    [TestCase("http://clarifai.com/u/a/models/m")]
    [TestCase("https://evil.example/u/a/models/m")]
    [TestCase("https://clarifai.com/u/a/workflows/m")]
    [TestCase("https://clarifai.com/u/a/models")]
    [TestCase("https://clarifai.com/u/a b/models/m")]
    [TestCase("not a model")]
    [TestCase("")]
    public void Parse_RefusesAnythingElse(string value)
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => ModelRef.Parse(value));
            Assert.That(ModelRef.TryParse(value, out _), Is.False);
        });
    }

    [Test]
    public async Task APredictionWithAnotherAppsModel_SendsThatAppsUserAppId_AndItsVersion()
    {
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("dog", 0.9f)])));
        using var client = TestClients.Create(mock);
        var general = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-image-recognition").AtVersion("aa7f35c01e0642fda5cf400f543e7c40");

        await client.Predictions.PredictAsync(general, ImageSource.FromUrl("https://example.test/a.jpg"));
        await client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/a.jpg"));

        var (first, second) = ((PostModelOutputsRequest)mock.Calls[0].Request, (PostModelOutputsRequest)mock.Calls[1].Request);
        Assert.Multiple(() =>
        {
            Assert.That((first.UserAppId.UserId, first.UserAppId.AppId, first.ModelId, first.VersionId), Is.EqualTo(("clarifai", "main", "general-image-recognition", "aa7f35c01e0642fda5cf400f543e7c40")));
            Assert.That((second.UserAppId.UserId, second.UserAppId.AppId), Is.EqualTo((TestClients.UserId, TestClients.AppId)), "the client's own app otherwise");
            Assert.Throws<ArgumentException>(() => new ModelRef("m", UserId: "only-user").Validate());
        });
    }
}
