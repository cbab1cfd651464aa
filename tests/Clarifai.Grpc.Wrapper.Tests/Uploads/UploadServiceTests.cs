using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

[TestFixture]
public sealed class UploadServiceTests
{
    private static NewInput Input(int i) => NewInput.FromBytes(BitConverter.GetBytes(i + 1));

    private static IEnumerable<NewInput> Inputs(int count) => Enumerable.Range(0, count).Select(Input);

    private static (ClarifaiClient Client, MockV2 Mock) Client(FakeInputStore store, InstantTimeProvider? time = null)
    {
        time ??= new InstantTimeProvider();
        store.Time = time;
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        return (TestClients.Create(mock, time), mock);
    }

    private static async Task<List<UploadOutcome>> CollectAsync(UploadOutcomes upload)
    {
        var outcomes = new List<UploadOutcome>();
        await foreach (var outcome in upload) outcomes.Add(outcome);
        return outcomes;
    }

    [Test]
    public async Task AllInputs_GoInBatchesOf128_AndEachHasExactlyOneOutcome()
    {
        var store = new FakeInputStore();
        var (client, mock) = Client(store);
        using var _ = client;

        var upload = client.Uploads.UploadAsync(Inputs(300));
        var outcomes = await CollectAsync(upload);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls.Select(c => ((PostInputsRequest)c.Request).Inputs.Count).Order(), Is.EqualTo(new[] { 44, 128, 128 }));
            Assert.That(outcomes, Has.Count.EqualTo(300));
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(300));
            Assert.That(outcomes.Select(o => o.Kind), Is.All.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(store.StoredIds, Is.EquivalentTo(outcomes.Select(o => o.InputId)));
            Assert.That(upload.Summary!.Succeeded, Is.EqualTo(300));
            Assert.That(upload.Summary.Result, Is.EqualTo(UploadResult.All));
            Assert.That(upload.Summary.Bytes, Is.EqualTo(300 * 4));
        });
    }

    [Test]
    public async Task TheByteBudget_SplitsBatches()
    {
        var store = new FakeInputStore();
        var (client, mock) = Client(store);
        using var _ = client;
        var big = Enumerable.Range(0, 10).Select(i => NewInput.FromBytes(new byte[1000 + i]));

        await client.Uploads.UploadAllAsync(ToAsync(big), new UploadOptions { MaxBatchBytes = 3500 });

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls.Select(c => ((PostInputsRequest)c.Request).CalculateSize()), Is.All.LessThanOrEqualTo(3500 + 16));
            Assert.That(mock.Calls.Sum(c => ((PostInputsRequest)c.Request).Inputs.Count), Is.EqualTo(10));
            Assert.That(mock.Calls, Has.Count.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public async Task AWholeBatchUnavailable_ResendsThatBatchOnly()
    {
        var store = new FakeInputStore { FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null };
        var (client, mock) = Client(store);
        using var _ = client;

        var summary = await client.Uploads.UploadAllAsync(ToAsync(Inputs(10)), new UploadOptions { MaxConcurrency = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls, Has.Count.EqualTo(2));
            Assert.That(summary.Succeeded, Is.EqualTo(10));
            Assert.That(summary.Retried, Is.EqualTo(10));
            Assert.That(summary.Deduplicated, Is.Zero);
        });
    }

    [Test]
    public async Task ALostAnswer_ThenAlreadyExists_CountsAsOneSuccess()
    {
        var store = new FakeInputStore { FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null, StoreBeforeFailing = true };
        var (client, _) = Client(store);
        using var __ = client;

        var outcomes = new List<UploadOutcome>();
        var summary = await client.Uploads.UploadAllAsync(ToAsync(Inputs(5)), new UploadOptions { MaxConcurrency = 1 }, onOutcome: outcomes.Add);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Kind), Is.All.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(outcomes.Select(o => o.Deduplicated), Is.All.True);
            Assert.That(outcomes.Select(o => o.Attempts), Is.All.EqualTo(2));
            Assert.That(summary.Succeeded, Is.EqualTo(5));
            Assert.That(summary.Deduplicated, Is.EqualTo(5));
            Assert.That(store.StoredIds, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task ADuplicateOnTheFirstAttempt_IsAFailure_NotASuccess()
    {
        var store = new FakeInputStore();
        var (client, _) = Client(store);
        using var __ = client;
        var input = Input(1).WithId("taken");
        await client.Uploads.UploadAllAsync(ToAsync([input]));

        var outcomes = new List<UploadOutcome>();
        var summary = await client.Uploads.UploadAllAsync(ToAsync([input]), onOutcome: outcomes.Add);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Single().Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(outcomes.Single().Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
            Assert.That(summary.Result, Is.EqualTo(UploadResult.None));
        });
    }

    [Test]
    public async Task PerInputFailures_ArePermanentOrRetried_ByTheirCode()
    {
        var attempts = new Dictionary<string, int>();
        var store = new FakeInputStore
        {
            FailInput = id =>
            {
                lock (attempts) attempts[id] = attempts.GetValueOrDefault(id) + 1;
                return id switch
                {
                    "bad-format" => StatusCode.InputUnsupportedFormat,
                    "flaky" when attempts[id] < 3 => StatusCode.InternalServerIssue,
                    _ => null,
                };
            },
        };
        var (client, mock) = Client(store);
        using var _ = client;
        var outcomes = new List<UploadOutcome>();

        var summary = await client.Uploads.UploadAllAsync(ToAsync([Input(1).WithId("ok"), Input(2).WithId("bad-format"), Input(3).WithId("flaky")]), onOutcome: outcomes.Add);

        var byId = outcomes.ToDictionary(o => o.InputId);
        Assert.Multiple(() =>
        {
            Assert.That(byId["ok"].Kind, Is.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(byId["bad-format"].Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(byId["bad-format"].Status.Code, Is.EqualTo(StatusCode.InputUnsupportedFormat));
            Assert.That(byId["bad-format"].Attempts, Is.EqualTo(1));
            Assert.That(byId["flaky"].Kind, Is.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(byId["flaky"].Attempts, Is.EqualTo(3));
            Assert.That(mock.Calls.Skip(1).Select(c => ((PostInputsRequest)c.Request).Inputs.Select(i => i.Id)), Is.All.EqualTo(new[] { "flaky" }));
            Assert.That(summary.Result, Is.EqualTo(UploadResult.Some));
            Assert.That(summary.Failed, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RetriesStop_AfterMaxAttempts_AndInputsThatMayHaveArrivedAreNamedUnknown()
    {
        var store = new FakeInputStore { FailCall = _ => GrpcStatusCode.Unavailable };
        var (client, mock) = Client(store);
        using var _ = client;
        var outcomes = new List<UploadOutcome>();

        var summary = await client.Uploads.UploadAllAsync(ToAsync(Inputs(3)), new UploadOptions { Retry = new RetrySettings { MaxAttempts = 4 } }, onOutcome: outcomes.Add);

        Assert.Multiple(() =>
        {
            // Unavailable may come after the server stored the inputs: their fate is unknown, and the summary says which.
            Assert.That(mock.Calls, Has.Count.EqualTo(4));
            Assert.That(outcomes.Select(o => o.Kind), Is.All.EqualTo(UploadOutcomeKind.Unknown));
            Assert.That(outcomes[0].Status.Description, Does.Contain("Unavailable"));
            Assert.That(summary.UnknownInputIds, Is.EquivalentTo(outcomes.Select(o => o.InputId)));
            Assert.That(summary.Result, Is.EqualTo(UploadResult.None));
        });
    }

    [Test]
    public async Task RetriesStop_AfterMaxAttempts_AndInputsThatCannotHaveArrivedAreFailed()
    {
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(_ => GrpcCalls.Unary(Responses.Inputs(StatusCode.ConnThrottled)));
        using var client = TestClients.Create(mock);
        var outcomes = new List<UploadOutcome>();

        var summary = await client.Uploads.UploadAllAsync(ToAsync(Inputs(3)), new UploadOptions { Retry = new RetrySettings { MaxAttempts = 3 } }, onOutcome: outcomes.Add);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls, Has.Count.EqualTo(3));
            Assert.That(outcomes.Select(o => (o.Kind, o.Status.Code)), Is.All.EqualTo((UploadOutcomeKind.Failed, StatusCode.ConnThrottled)));
            Assert.That(summary.Failed, Is.EqualTo(3));
            Assert.That(summary.UnknownInputIds, Is.Empty);
        });
    }

    [Test]
    public async Task BadCredentials_StopTheUpload_AfterAccountingForWhatWasRead()
    {
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(_ => GrpcCalls.Unary(Responses.Inputs(StatusCode.ConnKeyInvalid)));
        using var client = TestClients.Create(mock);
        var outcomes = new List<UploadOutcome>();

        var ex = await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => client.Uploads.UploadAllAsync(ToAsync(Inputs(1000)), new UploadOptions { MaxConcurrency = 1 }, onOutcome: outcomes.Add));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.ConnKeyInvalid));
            Assert.That(mock.Calls, Has.Count.EqualTo(1));
            Assert.That(outcomes.Count(o => o.Kind == UploadOutcomeKind.Failed), Is.EqualTo(128));
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(outcomes.Count));
            Assert.That(outcomes.Where(o => o.Kind != UploadOutcomeKind.Failed).Select(o => o.Kind), Is.All.EqualTo(UploadOutcomeKind.NotSent));
        });
    }

    [Test]
    public async Task Cancelling_StopsReadingTheSource_AwaitsInFlight_AndNamesNoUnknownInput()
    {
        using var cts = new CancellationTokenSource();
        var release = new TaskCompletionSource();
        var store = new FakeInputStore { BeforeAnswer = call => call == 1 ? release.Task : Task.CompletedTask };
        var (client, _) = Client(store);
        using var __ = client;
        var read = 0;
        var outcomes = new List<UploadOutcome>();

        var upload = client.Uploads.UploadAsync(Endless(() => Interlocked.Increment(ref read)), new UploadOptions { BatchSize = 10, MaxConcurrency = 1 }, cancellationToken: cts.Token);
        var consumer = Task.Run(async () => { await foreach (var o in upload) outcomes.Add(o); });
        await WaitUntilAsync(() => store.Calls == 1);
        cts.Cancel();
        release.SetResult();
        var ex = await Assert.ThrowsAsync<UploadCanceledException>(() => consumer);

        var summary = ex!.Summary!;
        Assert.Multiple(() =>
        {
            Assert.That(summary.UnknownInputIds, Is.Empty);
            Assert.That(summary.Succeeded, Is.EqualTo(10), "the batch in flight was awaited");
            Assert.That(summary.Total, Is.EqualTo(read), "every input read is accounted for");
            Assert.That(outcomes, Has.Count.EqualTo(read));
            Assert.That(summary.NotSent, Is.EqualTo(read - 10));
            Assert.That(upload.Summary, Is.Not.Null);
        });
    }

    [Test]
    public async Task CancellingWithAbandon_NamesTheInFlightInputsAsUnknown()
    {
        using var cts = new CancellationTokenSource();
        var store = new FakeInputStore { BeforeAnswer = call => call == 1 ? Task.Delay(Timeout.Infinite, cts.Token) : Task.CompletedTask };
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(r => store.Answer(r));
        using var client = TestClients.Create(mock);
        var options = new UploadOptions { BatchSize = 10, MaxConcurrency = 1, CancellationMode = UploadCancellationMode.AbandonInFlight };

        var upload = client.Uploads.UploadAsync(Endless(() => { }), options, cancellationToken: cts.Token);
        var consumer = Task.Run(async () => { await foreach (var _ in upload) { } });
        await WaitUntilAsync(() => store.Calls == 1);
        cts.Cancel();
        var ex = await Assert.ThrowsAsync<UploadCanceledException>(() => consumer);

        var sentIds = ((PostInputsRequest)mock.Calls[0].Request).Inputs.Select(i => i.Id);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Summary!.UnknownInputIds, Is.EquivalentTo(sentIds));
            Assert.That(ex.Summary.Succeeded, Is.Zero);
        });
    }

    [Test]
    public async Task TheSource_IsNeverReadMoreThanABoundedWindowAhead()
    {
        var release = new TaskCompletionSource();
        var store = new FakeInputStore { BeforeAnswer = _ => release.Task };
        var (client, _) = Client(store);
        using var __ = client;
        var read = 0;
        var options = new UploadOptions { BatchSize = 10, MaxConcurrency = 4 };

        var upload = client.Uploads.UploadAsync(Endless(() => Interlocked.Increment(ref read)), options);
        await using var enumerator = upload.GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync().AsTask();
        await WaitUntilAsync(() => store.Calls == 4 && Volatile.Read(ref read) >= (7 * 10) + 1);
        var readWhileBlocked = Volatile.Read(ref read);
        release.SetResult();
        await first;

        // 4 batches in flight + 2 read ahead (not one per worker: more would only hold more images) + 1 being filled
        // = 7 batches of 10, plus the one input that found the channel full.
        // Waited for until reached (no fixed sleep): a reader with a larger window runs past it before it is sampled.
        Assert.That(readWhileBlocked, Is.EqualTo((7 * 10) + 1));
    }

    [Test]
    public async Task ContentHashIds_AreTheSameForTheSameContent_SoASecondRunRecognisesItsOwnInputs()
    {
        var store = new FakeInputStore();
        var (client, mock) = Client(store);
        using var _ = client;
        var options = new UploadOptions { IdMode = UploadIdMode.ContentHash };

        var first = new List<UploadOutcome>();
        var second = new List<UploadOutcome>();
        var conflicting = new List<UploadOutcome>();
        await client.Uploads.UploadAllAsync(ToAsync([Input(7)]), options, onOutcome: first.Add);
        // A later run (a re-run after a crash, say): the same content under the same id is this job's own input.
        await client.Uploads.UploadAllAsync(ToAsync([Input(7)]), options, onOutcome: second.Add);
        // The same content with other concepts is not the input stored: a real conflict.
        await client.Uploads.UploadAllAsync(ToAsync([Input(7).WithConcepts("other")]), options, onOutcome: conflicting.Add);

        Assert.Multiple(() =>
        {
            Assert.That(first[0].InputId, Has.Length.EqualTo(32));
            Assert.That(second[0].InputId, Is.EqualTo(first[0].InputId));
            Assert.That((second[0].Kind, second[0].Deduplicated), Is.EqualTo((UploadOutcomeKind.Succeeded, true)), "recognised as its own");
            Assert.That(store.StoredIds, Has.Count.EqualTo(1), "the same image is not added twice");
            Assert.That(conflicting[0].Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(conflicting[0].Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
        });
    }

    [Test]
    public async Task WaitForProcessing_ReportsProcessingFailuresPerInput()
    {
        var store = new FakeInputStore();
        var mock = new MockV2()
            .On<PostInputsRequest, MultiInputResponse>(store.Answer)
            .On<ListInputsRequest, MultiInputResponse>(r =>
            {
                var response = new MultiInputResponse { Status = Responses.Status(StatusCode.Success) };
                foreach (var id in r.Ids) response.Inputs.Add(new Input { Id = id, Status = Responses.Status(id == "broken" ? StatusCode.InputFailed : StatusCode.InputSuccess) });
                return GrpcCalls.Unary(response);
            });
        using var client = TestClients.Create(mock);
        var outcomes = new List<UploadOutcome>();

        var summary = await client.Uploads.UploadAllAsync(ToAsync([Input(1).WithId("fine"), Input(2).WithId("broken")]), new UploadOptions { WaitForProcessing = true }, onOutcome: outcomes.Add);

        var byId = outcomes.ToDictionary(o => o.InputId);
        Assert.Multiple(() =>
        {
            Assert.That(byId["fine"].Kind, Is.EqualTo(UploadOutcomeKind.Succeeded));
            Assert.That(byId["fine"].Status.Code, Is.EqualTo(StatusCode.InputSuccess));
            Assert.That(byId["broken"].Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(byId["broken"].Status.Code, Is.EqualTo(StatusCode.InputFailed));
            Assert.That(summary.Result, Is.EqualTo(UploadResult.Some));
        });
    }

    [Test]
    public async Task Progress_IsReported_AndEndsWithTheTotals()
    {
        var store = new FakeInputStore();
        var (client, _) = Client(store);
        using var __ = client;
        var reports = new List<UploadProgress>();
        var progress = new SynchronousProgress<UploadProgress>(reports.Add);

        await client.Uploads.UploadAllAsync(ToAsync(Inputs(300)), progress: progress);

        Assert.Multiple(() =>
        {
            Assert.That(reports, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(reports[^1].Succeeded, Is.EqualTo(300));
            Assert.That(reports[^1].Queued, Is.Zero);
            Assert.That(reports[^1].InFlight, Is.Zero);
            Assert.That(reports[^1].Bytes, Is.EqualTo(1200));
        });
    }

    [Test]
    public async Task TheSummary_CountsRequestsRetried_AndInputsResent_Apart()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time, FailCall = call => call <= 2 ? GrpcStatusCode.Unavailable : null };
        using var client = TestClients.Create(new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer), time);

        var summary = await client.Uploads.UploadAllAsync(Enumerable.Range(0, 50).Select(Input), new UploadOptions { BatchSize = 50 });

        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.EqualTo(50));
            Assert.That(summary.RequestsRetried, Is.EqualTo(2), "one batch, sent three times");
            Assert.That(summary.InputsResent, Is.EqualTo(100), "its 50 inputs, twice");
            Assert.That(summary.ToString(), Does.Contain("2 requests retried (100 inputs re-sent)"));
        });
    }

    [Test]
    public async Task AFailingSource_SendsWhatItGave_ThenSurfacesItsError()
    {
        var store = new FakeInputStore();
        var (client, _) = Client(store);
        using var __ = client;
        var outcomes = new List<UploadOutcome>();

        async IAsyncEnumerable<NewInput> Broken()
        {
            for (var i = 0; i < 5; i++) yield return Input(i);
            await Task.Yield();
            throw new IOException("disk gone");
        }

        var ex = await Assert.ThrowsAsync<IOException>(() => client.Uploads.UploadAllAsync(Broken(), onOutcome: outcomes.Add));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("disk gone"));
            Assert.That(outcomes, Has.Count.EqualTo(5));
            Assert.That(outcomes.Select(o => o.Kind), Is.All.EqualTo(UploadOutcomeKind.Succeeded), "a source that fails ends the reading, not the sending: what it gave is uploaded");
            Assert.That(store.StoredIds, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task UploadDirectory_ReadsImagesRecursively_WithConceptsFromFolderNames()
    {
        var root = Directory.CreateTempSubdirectory("clarifai-upload-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "cats"));
            await File.WriteAllBytesAsync(Path.Combine(root, "cats", "tom.jpg"), [0xFF, 0xD8, 0xFF, 0xE0]);
            await File.WriteAllBytesAsync(Path.Combine(root, "top.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]);
            await File.WriteAllTextAsync(Path.Combine(root, "notes.txt"), "not an image");
            var store = new FakeInputStore();
            var (client, mock) = Client(store);
            using var _ = client;

            var outcomes = await CollectAsync(client.Uploads.UploadDirectoryAsync(root, new DirectoryUploadOptions { ConceptFromFolderName = true }));

            var sent = mock.Calls.SelectMany(c => ((PostInputsRequest)c.Request).Inputs).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(outcomes, Has.Count.EqualTo(2));
                Assert.That(sent.Single(i => i.Data.Image.Base64.Length == 4).Data.Concepts.Single().Id, Is.EqualTo("cats"));
                Assert.That(sent.Single(i => i.Data.Image.Base64.Length == 9).Data.Concepts, Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void FilesIn_NamesTheFilesAnUploadTakes_ByPatternRecursionAndExtension()
    {
        var root = Directory.CreateTempSubdirectory("clarifai-files-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "cats"));
            File.WriteAllBytes(Path.Combine(root, "cats", "tom.JPG"), [1]);
            File.WriteAllBytes(Path.Combine(root, "top.png"), [2]);
            File.WriteAllText(Path.Combine(root, "notes.txt"), "not an image");
            File.WriteAllBytes(Path.Combine(root, "job.checkpoint.db"), [3]);

            Assert.Multiple(() =>
            {
                Assert.That(new DirectoryUploadOptions().FilesIn(root).Select(f => Path.GetRelativePath(root, f)),
                    Is.EquivalentTo(new[] { "top.png", Path.Combine("cats", "tom.JPG") }), "images only, extensions in any case, subfolders included");
                Assert.That(new DirectoryUploadOptions { Recursive = false }.FilesIn(root).Select(Path.GetFileName), Is.EqualTo(new[] { "top.png" }));
                Assert.That(new DirectoryUploadOptions { SearchPattern = "t*" }.FilesIn(root).Select(Path.GetFileName), Is.EquivalentTo(new[] { "top.png", "tom.JPG" }));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void BadArguments_AreRefusedAtOnce()
    {
        using var client = TestClients.Create(new MockV2());

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => client.Uploads.UploadAsync((IAsyncEnumerable<NewInput>)null!));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Uploads.UploadAsync(Inputs(1), new UploadOptions { BatchSize = 129 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Uploads.UploadAsync(Inputs(1), new UploadOptions { MaxConcurrency = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Uploads.UploadAsync(Inputs(1), new UploadOptions { MaxBatchBytes = 0 }));
            Assert.Throws<DirectoryNotFoundException>(() => client.Uploads.UploadDirectoryAsync("/no/such/folder"));
        });
    }

    [Test]
    public async Task AnUpload_CanBeEnumeratedOnlyOnce()
    {
        var (client, _) = Client(new FakeInputStore());
        using var __ = client;
        var upload = client.Uploads.UploadAsync(Inputs(1));
        await CollectAsync(upload);

        await Assert.ThrowsAsync<InvalidOperationException>(() => CollectAsync(upload));
    }

    private static async IAsyncEnumerable<NewInput> ToAsync(IEnumerable<NewInput> inputs)
    {
        foreach (var input in inputs) yield return input;
        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<NewInput> Endless(Action onRead)
    {
        for (var i = 0; ; i++)
        {
            onRead();
            yield return Input(i);
            await Task.Yield();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the condition");
            await Task.Delay(10);
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (this) report(value);
        }
    }
}
