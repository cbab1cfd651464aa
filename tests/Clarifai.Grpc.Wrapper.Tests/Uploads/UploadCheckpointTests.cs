using System.Collections.Concurrent;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>What the uploader asks of a checkpoint and what it records there: finished inputs only, never transient ones.</summary>
[TestFixture]
public sealed class UploadCheckpointTests
{
    /// <summary>A checkpoint in memory, recording the outcomes it is given.</summary>
    private sealed class MemoryCheckpoint : IUploadCheckpoint
    {
        public ConcurrentDictionary<string, UploadOutcomeKind> Finished { get; } = new();

        public ValueTask<bool> IsFinishedAsync(string inputId, CancellationToken cancellationToken) => ValueTask.FromResult(Finished.ContainsKey(inputId));

        public ValueTask RecordAsync(UploadOutcome outcome, CancellationToken cancellationToken)
        {
            Finished[outcome.InputId] = outcome.Kind;
            return ValueTask.CompletedTask;
        }
    }

    private static NewInput Input(int i) => NewInput.FromUrl($"https://example.test/{i}.jpg").WithId($"in-{i}");

    [Test]
    public async Task FinishedInputs_AreSkipped_AndOnlyFinalOutcomesAreRecorded()
    {
        var store = new FakeInputStore { FailInput = id => id switch { "in-3" => StatusCode.InputInvalidArgument, "in-4" => StatusCode.ConnThrottled, _ => null } };
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, retry: RetrySettings.None);
        var checkpoint = new MemoryCheckpoint();
        checkpoint.Finished["in-0"] = UploadOutcomeKind.Succeeded;
        checkpoint.Finished["in-1"] = UploadOutcomeKind.Failed;

        var upload = client.Uploads.UploadAsync(Enumerable.Range(0, 6).Select(Input), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, Retry = RetrySettings.None });
        var outcomes = new Dictionary<string, UploadOutcomeKind>();
        await foreach (var outcome in upload) outcomes[outcome.InputId] = outcome.Kind;

        Assert.Multiple(() =>
        {
            Assert.That(outcomes["in-0"], Is.EqualTo(UploadOutcomeKind.Skipped));
            Assert.That(outcomes["in-1"], Is.EqualTo(UploadOutcomeKind.Skipped));
            Assert.That(store.StoredIds, Is.EquivalentTo(new[] { "in-2", "in-5" }), "skipped inputs are not sent");
            Assert.That(checkpoint.Finished.Keys, Is.EquivalentTo(new[] { "in-0", "in-1", "in-2", "in-3", "in-5" }), "in-4 was throttled: a re-run sends it again");
            Assert.That(checkpoint.Finished["in-3"], Is.EqualTo(UploadOutcomeKind.Failed), "refused for good: recorded");
            Assert.That(upload.Summary!.Skipped, Is.EqualTo(2));
            Assert.That(upload.Summary.Total, Is.EqualTo(6));
        });
    }
}
