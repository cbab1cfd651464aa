using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// A resume tells the truth about inputs under their own ids: "already exists" for an input this job sent (recorded as
/// sent by a run that died before recording its outcome) is a success; a genuinely different input under that id stays
/// a conflict. What is decided from what: bytes need the sent record (same content hash) and a creation time no
/// earlier than that sending; URLs and texts are compared as the API returns them.
/// </summary>
[TestFixture]
public sealed class UploadResumeEvidenceTests
{
    private static NewInput Bytes(string id, string concept) => NewInput.FromBytes([1, 2, 3, (byte)id.Length]).WithId(id).WithConcepts(concept);

    private static Input Proto(NewInput input) => UploadItem.Create(input, UploadIdMode.ContentHash).Proto;

    private static string Hash(NewInput input) => UploadItem.Create(input, UploadIdMode.ContentHash).ContentHash;

    [Test]
    public async Task OwnIdBytes_SentByARunThatDied_AreSucceeded_AndOthersUnderThoseIdsStayConflicts()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time };
        var checkpoint = new InMemoryUploadCheckpoint();
        var sentAt = time.GetUtcNow();
        var ours = Bytes("row-1", "cat");
        var changed = Bytes("row-3", "cat");
        var before = Bytes("row-4", "cat");

        // The run that died: recorded its batch as sent, the server stored it, the outcome was never recorded.
        await checkpoint.RecordSentAsync([new("row-1", UploadCheckpointState.Sent, Hash(ours), sentAt), new("row-3", UploadCheckpointState.Sent, Hash(changed), sentAt), new("row-4", UploadCheckpointState.Sent, Hash(before), sentAt)], default);
        await store.Answer(new PostInputsRequest { Inputs = { Proto(ours), Proto(changed) } });
        store.Preexisting(Proto(Bytes("row-2", "cat")));   // never sent by this job: someone's, an hour ago
        store.Preexisting(Proto(before));                  // sent by this job, but stored an hour before it was: not ours
        time.Advance(TimeSpan.FromMinutes(5));

        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, time);
        var outcomes = new Dictionary<string, UploadOutcome>();
        var summary = await client.Uploads.UploadAllAsync(
            [ours, Bytes("row-2", "cat"), Bytes("row-3", "dog"), before],
            new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash },
            onOutcome: o => outcomes[o.InputId] = o);

        Assert.Multiple(() =>
        {
            Assert.That((outcomes["row-1"].Kind, outcomes["row-1"].Deduplicated), Is.EqualTo((UploadOutcomeKind.Succeeded, true)), "sent by the dead run, stored since: ours");
            Assert.That((outcomes["row-2"].Kind, outcomes["row-2"].Status.Code), Is.EqualTo((UploadOutcomeKind.Failed, StatusCode.InputDuplicate)), "no record of sending it: a conflict");
            Assert.That((outcomes["row-3"].Kind, outcomes["row-3"].Status.Code), Is.EqualTo((UploadOutcomeKind.Failed, StatusCode.InputDuplicate)), "the row changed since it was sent (dog, not cat): a conflict");
            Assert.That((outcomes["row-4"].Kind, outcomes["row-4"].Status.Code), Is.EqualTo((UploadOutcomeKind.Failed, StatusCode.InputDuplicate)), "stored before this job sent it: not ours");
            Assert.That(summary.Failed, Is.EqualTo(3));
            Assert.That(checkpoint.FinishedOutcomes["row-1"], Is.EqualTo(UploadOutcomeKind.Succeeded));
        });
    }

    [Test]
    public async Task OwnIdTextsAndUrls_AlreadyThereWithTheSameContent_AreSucceeded_WithoutAnyRecord()
    {
        var store = new FakeInputStore();
        store.Preexisting(Proto(NewInput.FromText("hello").WithId("note-1").WithConcepts("greeting")));
        store.Preexisting(Proto(NewInput.FromText("something else").WithId("note-2").WithConcepts("greeting")));
        store.Preexisting(Proto(NewInput.FromUrl("https://example.test/a.jpg").WithId("url-1")));
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock);

        var outcomes = new Dictionary<string, UploadOutcome>();
        await client.Uploads.UploadAllAsync(
            [NewInput.FromText("hello").WithId("note-1").WithConcepts("greeting"), NewInput.FromText("hello").WithId("note-2").WithConcepts("greeting"), NewInput.FromUrl("https://example.test/a.jpg").WithId("url-1")],
            onOutcome: o => outcomes[o.InputId] = o);

        Assert.Multiple(() =>
        {
            Assert.That((outcomes["note-1"].Kind, outcomes["note-1"].Deduplicated), Is.EqualTo((UploadOutcomeKind.Succeeded, true)), "the same text and concepts are there: the row is on Clarifai");
            Assert.That(outcomes["note-2"].Kind, Is.EqualTo(UploadOutcomeKind.Failed), "another text under that id: a conflict");
            Assert.That(outcomes["url-1"].Kind, Is.EqualTo(UploadOutcomeKind.Succeeded), "the same URL");
        });
    }
}
