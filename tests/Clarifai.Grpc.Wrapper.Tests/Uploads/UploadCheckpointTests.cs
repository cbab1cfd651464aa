using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>What the uploader asks of a checkpoint and what it records there: its scope, each batch as sent, final outcomes only.</summary>
[TestFixture]
public sealed class UploadCheckpointTests
{
    private static NewInput Input(int i) => NewInput.FromUrl($"https://example.test/{i}.jpg").WithId($"in-{i}");

    [Test]
    public async Task FinishedInputs_AreSkipped_AndOnlyFinalOutcomesAreRecorded()
    {
        var store = new FakeInputStore { FailInput = id => id switch { "in-3" => StatusCode.InputInvalidArgument, "in-4" => StatusCode.ConnThrottled, _ => null } };
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, retry: RetrySettings.None);
        var checkpoint = new InMemoryUploadCheckpoint();
        checkpoint.MarkFinished("in-0", "in-1");

        var upload = client.Uploads.UploadAsync(Enumerable.Range(0, 6).Select(Input), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, Retry = RetrySettings.None });
        var outcomes = new Dictionary<string, UploadOutcomeKind>();
        await foreach (var outcome in upload) outcomes[outcome.InputId] = outcome.Kind;

        Assert.Multiple(() =>
        {
            Assert.That(outcomes["in-0"], Is.EqualTo(UploadOutcomeKind.Skipped));
            Assert.That(outcomes["in-1"], Is.EqualTo(UploadOutcomeKind.Skipped));
            Assert.That(store.StoredIds, Is.EquivalentTo(new[] { "in-2", "in-5" }), "skipped inputs are not sent");
            Assert.That(checkpoint.FinishedOutcomes.Keys, Is.EquivalentTo(new[] { "in-2", "in-3", "in-5" }), "in-4 was throttled: a re-run sends it again");
            Assert.That(checkpoint.Entries["in-4"].State, Is.EqualTo(UploadCheckpointState.Sent), "but it stays recorded as sent");
            Assert.That(checkpoint.FinishedOutcomes["in-3"], Is.EqualTo(UploadOutcomeKind.Failed), "refused for good: recorded");
            Assert.That(upload.Summary!.Skipped, Is.EqualTo(2));
            Assert.That(upload.Summary.Total, Is.EqualTo(6));
        });
    }

    [Test]
    public async Task EachBatch_IsRecordedAsSent_BeforeItsRequestLeaves_WithTheContentHashAndTime()
    {
        var checkpoint = new InMemoryUploadCheckpoint();
        var seenAtSend = new List<UploadCheckpointState?>();
        var time = new InstantTimeProvider();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(request =>
        {
            lock (seenAtSend) seenAtSend.AddRange(request.Inputs.Select(i => checkpoint.Entries.TryGetValue(i.Id, out var e) ? e.State : (UploadCheckpointState?)null));
            return GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, request.Inputs.Select(i => (i.Id, StatusCode.InputPending)).ToArray()));
        });
        using var client = TestClients.Create(mock, time);

        await client.Uploads.UploadAllAsync(Enumerable.Range(0, 25).Select(Input), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, BatchSize = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(seenAtSend, Has.Count.EqualTo(25));
            Assert.That(seenAtSend, Has.All.EqualTo(UploadCheckpointState.Sent), "every input was recorded as sent before its request reached the server");
            Assert.That(checkpoint.Entries.Values.Select(e => e.State), Has.All.EqualTo(UploadCheckpointState.Finished), "and finished after its answer");
        });
    }

    [Test]
    public async Task TheCheckpoint_IsClaimedForTheClientsAppAndTheSourceName_AndRefusedForAnotherApp()
    {
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer);
        using var client = TestClients.Create(mock);
        var checkpoint = new InMemoryUploadCheckpoint();
        var options = new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, SourceName = "photos" };

        var first = await client.Uploads.UploadAllAsync(Enumerable.Range(0, 3).Select(Input), options);
        var claimed = checkpoint.Scope;
        var otherApp = client.Uploads.UploadAsync(Enumerable.Range(0, 3).Select(Input), options with { CallSettings = CallSettings.ForApp("someone", "elsewhere") });
        var outcomes = new List<UploadOutcome>();
        var refused = await Assert.ThrowsAsync<UploadCheckpointScopeException>(async () =>
        {
            await foreach (var outcome in otherApp) outcomes.Add(outcome);
        });
        var otherSource = client.Uploads.UploadAsync(Enumerable.Range(0, 3).Select(Input), options with { SourceName = "invoices" });
        await Assert.ThrowsAsync<UploadCheckpointScopeException>(async () =>
        {
            await foreach (var outcome in otherSource) outcomes.Add(outcome);
        });

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.EqualTo(3));
            Assert.That(claimed, Is.EqualTo(new UploadCheckpointScope($"users/{TestClients.UserId}/apps/{TestClients.AppId}", "photos")));
            Assert.That(refused!.Recorded, Is.EqualTo(claimed));
            Assert.That(refused.Message, Does.Contain("users/someone/apps/elsewhere").And.Contain("use a new checkpoint"));
            Assert.That(outcomes, Is.Empty, "nothing was read for an upload the checkpoint does not belong to");
            Assert.That(otherApp.Summary!.Total, Is.Zero);
            Assert.That(store.StoredIds, Has.Count.EqualTo(3), "and nothing sent");
        });
    }

    [Test]
    public void AScope_AcceptsItsOwnDestination_AndASourceOnlyWhenTheyAgree()
    {
        var photos = new UploadCheckpointScope("users/u/apps/a", "photos");
        Assert.Multiple(() =>
        {
            Assert.That(photos.Accepts(new UploadCheckpointScope("users/u/apps/a", "photos")), Is.True);
            Assert.That(photos.Accepts(new UploadCheckpointScope("users/u/apps/a", null)), Is.True, "a checkpoint from before sources were recorded");
            Assert.That(new UploadCheckpointScope("users/u/apps/a", null).Accepts(photos), Is.True, "an upload that does not name its source");
            Assert.That(photos.Accepts(new UploadCheckpointScope("users/u/apps/b", "photos")), Is.False, "another app");
            Assert.That(photos.Accepts(new UploadCheckpointScope("users/v/apps/a", "photos")), Is.False, "another user");
            Assert.That(photos.Accepts(new UploadCheckpointScope("users/u/apps/a", "invoices")), Is.False, "another source");
        });
    }

    [Test]
    public void AnAppScopedKey_IsNamedByAFingerprint_NeverByTheKey()
    {
        var destination = UploadDestination.Of(null, null, "app-key-secret-123456");
        Assert.Multiple(() =>
        {
            Assert.That(destination, Does.StartWith("app-key/").And.Not.Contain("secret"));
            Assert.That(destination, Has.Length.EqualTo("app-key/".Length + 16));
            Assert.That(UploadDestination.Of(null, null, "another-key-000000"), Is.Not.EqualTo(destination));
            Assert.That(UploadDestination.Of("u", "a", "app-key-secret-123456"), Is.EqualTo("users/u/apps/a"));
        });
    }
}
