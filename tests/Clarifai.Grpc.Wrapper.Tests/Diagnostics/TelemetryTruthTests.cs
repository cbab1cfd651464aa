using System.Diagnostics;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Diagnostics;

/// <summary>Telemetry says what the caller saw: a call that ends in an exception is recorded as failed.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TelemetryTruthTests
{
    [Test]
    public async Task APredictionWhoseOutputFailed_IsRecordedAsAFailedCall()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var logs = new ListLoggerFactory();
        var mock = new MockV2().Returns<PostModelOutputsRequest, MultiOutputResponse>(Responses.Outputs(StatusCode.Success, (StatusCode.ModelDoesNotExist, [])));
        using var client = new ClarifaiClient(TestClients.Options(), mock.Invoker.Object, logs);

        await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => client.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://example.test/a.jpg")));

        var activity = activities.Single(a => a.DisplayName == "clarifai.api.V2/PostModelOutputs");
        Assert.Multiple(() =>
        {
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(activity.GetTagItem("clarifai.status_code"), Is.EqualTo((int)StatusCode.ModelDoesNotExist));
            Assert.That(logs.Entries.Select(e => e.Message), Has.Some.Contains("failed with 21200"));
        });
    }
}
