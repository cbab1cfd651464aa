using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>Keys and ids go into headers and URLs: they are checked as the API would, before anything is sent.</summary>
[TestFixture]
public sealed class CredentialRulesTests
{
    private static readonly string[] BadKeys =
    [
        "abc\r\nx-injected: 1", "abc\ndef", "abc\0def", " abc", "abc ", "ab c", "abcé", "abc\t", new string('a', 600),
    ];

    private static readonly string[] BadIds = ["my user", "a/b", "../app", new string('u', 300), "tab\tbed", "ünïcode", "a\r\nb", ""];

    [TestCaseSource(nameof(BadKeys))]
    public void AKeyThatCannotGoIntoAHeader_IsRefused_AtValidation_AndByTheClient(string key)
    {
        var options = TestClients.Options();
        options.ApiKey = key;

        var validate = Assert.Throws<ArgumentException>(options.Validate)!;
        var construct = Assert.Throws<ArgumentException>(() => new ClarifaiClient(options, new MockV2().Invoker.Object))!;

        Assert.Multiple(() =>
        {
            Assert.That(validate.ParamName, Is.EqualTo(nameof(ClarifaiClientOptions.ApiKey)));
            Assert.That(construct.Message, Does.Not.Contain(key), "a message never quotes the key");
        });
    }

    [TestCaseSource(nameof(BadIds))]
    public void UserAndAppIds_OutsideTheIdRule_AreRefused(string id)
    {
        var user = TestClients.Options();
        user.UserId = id;
        var app = TestClients.Options();
        app.AppId = id;

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(user.Validate);
            Assert.Throws<ArgumentException>(app.Validate);
        });
    }

    [TestCaseSource(nameof(BadIds))]
    public async Task EveryPublicEntryTakingAnId_RefusesWhatTheIdRuleRefuses_BeforeAnyCall(string id)
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);
        var version = new ClarifaiModelVersion("pets", new ModelVersion { Id = "v1" });

        await Assert.MultipleAsync(async () =>
        {
            Assert.Throws<ArgumentException>(() => NewInput.FromUrl("https://example.test/a.jpg").WithId(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.GetAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.WaitForProcessingAsync([id]));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.CreateAsync(id, ["c"]));
            await Assert.ThrowsAsync<ArgumentException>(() => client.ModelVersions.TrainAsync(id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.ModelVersions.GetAsync("pets", id));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictAsync(id, ImageSource.FromUrl("https://example.test/a.jpg")));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictAsync(new ModelRef("pets", VersionId: id), ImageSource.FromUrl("https://example.test/a.jpg")));
        });
        Assert.That(mock.Calls, Is.Empty);
    }

    [TestCase("a.b-c_D9")]
    [TestCase("0123456789abcdef0123456789abcdef")]
    public async Task AnIdTheRuleAccepts_IsAcceptedEverywhere(string id)
    {
        var mock = new MockV2()
            .Returns<GetInputRequest, SingleInputResponse>(Responses.Input(id, StatusCode.InputSuccess))
            .Returns<GetModelRequest, SingleModelResponse>(Responses.Model(id, StatusCode.ModelTrained));
        using var client = TestClients.Create(mock);
        var options = TestClients.Options();
        options.UserId = id;
        options.AppId = id;

        Assert.DoesNotThrow(options.Validate);
        Assert.DoesNotThrow(() => NewInput.FromUrl("https://example.test/a.jpg").WithId(id));
        await client.Inputs.GetAsync(id);
        await client.Models.GetAsync(id);
        Assert.That(mock.Calls, Has.Count.EqualTo(2));
    }
}
