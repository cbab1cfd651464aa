using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Microsoft.Extensions.Logging;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Calls;

[TestFixture]
public sealed class LoggingTests
{
    [Test]
    public async Task Calls_AreLoggedWithStatusAndRequestId_RetriesAsWarnings_AndNeverTheKey()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(
            Responses.WithStatus(new SingleModelResponse(), StatusCode.ConnThrottled, details: "Key " + TestClients.ApiKey),
            Responses.Model("pets", StatusCode.ModelTrained));
        var logs = new ListLoggerFactory();
        using var client = new ClarifaiClient(TestClients.Options(), mock.Invoker.Object, logs);

        await client.Models.GetAsync("pets");

        var entries = logs.Entries;
        Assert.Multiple(() =>
        {
            Assert.That(entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.One.Contains("GetModel").And.One.Contains("11005"));
            Assert.That(entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message), Has.One.Contains("10000").And.Contains("req-test").And.Contains("2 attempt"));
            Assert.That(entries.Select(e => e.Message), Has.None.Contains(TestClients.ApiKey));
        });
    }
}
