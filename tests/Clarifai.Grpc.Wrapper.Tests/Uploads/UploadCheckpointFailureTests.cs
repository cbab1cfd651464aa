using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// A checkpoint store that fails — at the start, on a lookup, on a "sent" record, on an outcome record — never costs an
/// input its outcome: every input read has exactly one, the stored ones as succeeded, and the upload ends promptly with
/// an <see cref="UploadCheckpointException"/> that names the store. (The real stores are failed in the integration
/// tests: a Redis killed and one refusing writes, SQLite files that are not databases.)
/// </summary>
[TestFixture]
public sealed class UploadCheckpointFailureTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    private static IEnumerable<NewInput> Inputs(int count) => Enumerable.Range(0, count).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)));

    /// <summary>An in-memory store whose chosen call fails as a broken store would.</summary>
    private sealed class FailingCheckpoint(string failing, int onCall) : IUploadCheckpoint
    {
        private readonly InMemoryUploadCheckpoint _inner = new();
        private readonly Dictionary<string, int> _calls = [];

        public string Description => "'test store'";

        public IReadOnlyDictionary<string, UploadCheckpointEntry> Entries => _inner.Entries;

        public ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken)
        {
            Call(nameof(ClaimAsync));
            return _inner.ClaimAsync(scope, cancellationToken);
        }

        public ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken)
        {
            Call(nameof(FindAsync));
            return _inner.FindAsync(inputId, cancellationToken);
        }

        public ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken)
        {
            Call(nameof(RecordSentAsync));
            return _inner.RecordSentAsync(inputs, cancellationToken);
        }

        public ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken)
        {
            Call(nameof(RecordFinishedAsync));
            return _inner.RecordFinishedAsync(outcomes, cancellationToken);
        }

        private void Call(string method)
        {
            lock (_calls)
            {
                _calls[method] = _calls.GetValueOrDefault(method) + 1;
                if (method == failing && _calls[method] >= onCall) throw new IOException("disk I/O error\nat the store");
            }
        }
    }

    private static async Task<(List<UploadOutcome> Outcomes, Exception? Error, UploadOutcomes Upload, FakeInputStore Store)> RunAsync(FailingCheckpoint checkpoint, int inputs, int batchSize = 10)
    {
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer);
        using var client = TestClients.Create(mock);
        var upload = client.Uploads.UploadAsync(Inputs(inputs), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, BatchSize = batchSize, MaxConcurrency = 4 });
        var outcomes = new List<UploadOutcome>();
        var run = Task.Run(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });
        Assert.That(await Task.WhenAny(run, Task.Delay(HangLimit)), Is.SameAs(run), "the upload ended");
        Exception? error = null;
        try
        {
            await run;
        }
        catch (Exception e)
        {
            error = e;
        }

        return (outcomes, error, upload, store);
    }

    [Test]
    public async Task AStoreThatFailsRecordingOutcomes_MidUpload_LosesNoOutcome_AndEndsWithATypedExceptionNamingIt()
    {
        var (outcomes, error, upload, store) = await RunAsync(new FailingCheckpoint(nameof(IUploadCheckpoint.RecordFinishedAsync), onCall: 3), inputs: 2_000);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<UploadCheckpointException>());
            Assert.That(error!.Message, Is.EqualTo("The checkpoint 'test store' failed while recording outcomes: disk I/O error at the store"));
            Assert.That(error.InnerException, Is.InstanceOf<IOException>());
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(outcomes.Count), "one outcome per input");
            Assert.That(upload.Summary!.Total, Is.EqualTo(outcomes.Count), "the summary adds up");
            Assert.That(outcomes.Where(o => o.Succeeded).Select(o => o.InputId), Is.EquivalentTo(store.StoredIds), "every input on the server is reported succeeded, the batch whose record failed included");
            Assert.That(outcomes, Has.Count.LessThan(2_000), "it ended promptly instead of uploading everything unrecorded");
        });
    }

    [Test]
    public async Task AStoreThatFailsAtTheStart_EndsTheUploadBeforeAnythingIsRead()
    {
        var (outcomes, error, upload, store) = await RunAsync(new FailingCheckpoint(nameof(IUploadCheckpoint.ClaimAsync), onCall: 1), inputs: 50);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<UploadCheckpointException>().With.Message.Contains("while opening it"));
            Assert.That(outcomes, Is.Empty);
            Assert.That(upload.Summary!.Total, Is.Zero);
            Assert.That(store.Calls, Is.Zero, "nothing sent");
        });
    }

    [Test]
    public async Task AStoreThatFailsALookup_AccountsForTheInputInHand_AndEveryInputReadBefore()
    {
        var (outcomes, error, upload, store) = await RunAsync(new FailingCheckpoint(nameof(IUploadCheckpoint.FindAsync), onCall: 7), inputs: 50);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<UploadCheckpointException>().With.Message.Contains("while looking up input"));
            Assert.That(outcomes, Has.Count.EqualTo(7), "the six in the batch being filled and the seventh, whose lookup failed");
            Assert.That(outcomes.Select(o => o.Kind), Has.All.EqualTo(UploadOutcomeKind.NotSent));
            Assert.That(upload.Summary!.NotSent, Is.EqualTo(7));
            Assert.That(store.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task AStoreThatFailsRecordingABatchAsSent_NeverSendsThatBatch()
    {
        var checkpoint = new FailingCheckpoint(nameof(IUploadCheckpoint.RecordSentAsync), onCall: 2);
        var (outcomes, error, upload, store) = await RunAsync(checkpoint, inputs: 20, batchSize: 10);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<UploadCheckpointException>().With.Message.Contains("while recording a batch as sent"));
            Assert.That(outcomes, Has.Count.EqualTo(20));
            Assert.That(store.StoredIds, Has.Count.EqualTo(upload.Summary!.Succeeded), "only batches recorded as sent reached the server");
            Assert.That(upload.Summary.NotSent, Is.EqualTo(20 - upload.Summary.Succeeded));
            Assert.That(upload.Summary.NotSent, Is.GreaterThanOrEqualTo(10));
        });
    }
}
