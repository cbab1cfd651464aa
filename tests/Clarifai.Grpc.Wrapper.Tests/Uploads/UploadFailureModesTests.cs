using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>
/// What must never happen to an upload: hanging, reporting a success the server does not hold, or spending every
/// attempt against a server that is gone. Each test bounds its own wait, so a hang fails instead of stalling the run.
/// </summary>
[TestFixture]
public sealed class UploadFailureModesTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    private static IEnumerable<NewInput> Inputs(int count) => Enumerable.Range(0, count).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)));

    [Test]
    public async Task AProgressCallbackThatThrows_EndsTheUpload_WithItsException_AndEveryInputAccountedFor()
    {
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer);
        using var client = TestClients.Create(mock);
        var progress = new ThrowingProgress(afterReports: 2);
        var upload = client.Uploads.UploadAsync(Inputs(2_000), new UploadOptions { BatchSize = 10, MaxConcurrency = 4 }, progress);

        var outcomes = new List<UploadOutcome>();
        var error = await Bounded(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<InvalidOperationException>().With.Message.EqualTo("progress sink broke"));
            Assert.That(error!.StackTrace, Does.Contain(nameof(ThrowingProgress)), "rethrown with its own stack");
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(outcomes.Count), "one outcome per input");
            Assert.That(upload.Summary!.Total, Is.EqualTo(outcomes.Count));
            Assert.That(outcomes.Count(o => o.Succeeded), Is.EqualTo(store.StoredIds.Count), "every stored input reported as such");
            Assert.That(outcomes, Has.Count.LessThan(2_000), "it stopped early");
        });
    }

    [Test]
    public async Task AnInvokerThatThrowsSomethingUnexpected_EndsTheUpload_WithThatException()
    {
        var calls = 0;
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(r =>
            Interlocked.Increment(ref calls) >= 3
                ? throw new ObjectDisposedException("GrpcChannel")
                : GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Inputs.Select(i => (i.Id, StatusCode.InputPending)).ToArray())));
        using var client = TestClients.Create(mock);
        var upload = client.Uploads.UploadAsync(Inputs(1_000), new UploadOptions { BatchSize = 10, MaxConcurrency = 2 });

        var outcomes = new List<UploadOutcome>();
        var error = await Bounded(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<ObjectDisposedException>());
            Assert.That(upload.Summary!.Total, Is.EqualTo(outcomes.Count));
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(outcomes.Count));
            Assert.That(outcomes.Count(o => o.Succeeded), Is.EqualTo(20), "the two batches that were answered");
        });
    }

    [Test]
    public async Task ASourceThatThrows_EndsTheUpload_WithItsException_AfterAccountingForWhatItGave()
    {
        using var client = TestClients.Create(new MockV2().On<PostInputsRequest, MultiInputResponse>(new FakeInputStore().Answer));

        var summary = default(UploadSummary);
        var error = await Bounded(async () => summary = await client.Uploads.UploadAllAsync(Failing(25), new UploadOptions { BatchSize = 10 }));

        Assert.That(error, Is.InstanceOf<IOException>());
    }

    [Test]
    public async Task AnIdThatExistsWithOtherContent_AnsweredAlreadyExistsAfterATransientFailure_IsAFailure_NotASuccess()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time, FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null };
        store.Preexisting(new Input { Id = "taken", Data = new Data { Image = new Image { Url = "https://example.test/someone-elses.jpg" } } });
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, time);

        var outcomes = new List<UploadOutcome>();
        var summary = await client.Uploads.UploadAllAsync([NewInput.FromUrl("https://example.test/mine.jpg").WithId("taken")], onOutcome: outcomes.Add);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Single().Kind, Is.EqualTo(UploadOutcomeKind.Failed));
            Assert.That(outcomes.Single().Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
            Assert.That(summary.Deduplicated, Is.Zero);
        });
    }

    [Test]
    public async Task AByteInputWhoseIdExistedBeforeTheUpload_IsAFailure_EvenWithTheSameConcepts()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time, FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null };
        store.Preexisting(new Input { Id = "taken", Data = new Data { Image = new Image { Base64 = Google.Protobuf.ByteString.CopyFrom(9, 9) } } });
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, time);

        var summary = await client.Uploads.UploadAllAsync([NewInput.FromBytes([1, 2, 3]).WithId("taken")]);

        Assert.That((summary.Succeeded, summary.Failed), Is.EqualTo((0L, 1L)));
    }

    [Test]
    public async Task AddAsync_WithIds_UnderALostAnswer_ReportsItsOwnStoredInputs_AsSucceeded()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time, FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null, StoreBeforeFailing = true };
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, time);

        var result = await client.Inputs.AddAsync([
            NewInput.FromUrl("https://example.test/a.jpg").WithId("a").WithConcepts("cat"),
            NewInput.FromBytes([1, 2, 3]).WithId("b"),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(result.AllSucceeded, Is.True, result.ToString());
            Assert.That(result.Inputs.Select(i => i.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(result.Failed, Is.Empty);
            Assert.That(mock.CountOf("PostInputs"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AddAsync_WithIds_UnderALostAnswer_StillReportsSomeoneElsesInput_AsADuplicate()
    {
        var time = new InstantTimeProvider();
        var store = new FakeInputStore { Time = time, FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null };
        store.Preexisting(new Input { Id = "a", Data = new Data { Image = new Image { Url = "https://example.test/other.jpg" } } });
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock, time);

        var result = await client.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg").WithId("a")]);

        Assert.That(result.Failed.Single().Status.Code, Is.EqualTo(StatusCode.InputDuplicate));
    }

    [Test]
    public async Task WithTheServerGone_TheBreakerAccountsForEveryInput_WithoutSpendingEveryAttemptOnEveryBatch()
    {
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(_ => GrpcCalls.Failure<MultiInputResponse>(GrpcStatusCode.Unavailable, "connection refused"));
        using var client = TestClients.Create(mock);
        var options = new UploadOptions { BatchSize = 10, MaxConcurrency = 4 };

        var summary = await client.Uploads.UploadAllAsync(Inputs(1_200), options);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Total, Is.EqualTo(1_200));
            Assert.That(summary.Succeeded, Is.Zero);
            Assert.That(summary.NotSent, Is.GreaterThan(1_000), "most batches were never sent");
            // Without the breaker: 120 batches × 8 attempts = 960 requests.
            Assert.That(mock.CountOf("PostInputs"), Is.LessThan(120), "far fewer requests than batches");
        });
    }

    [Test]
    public void TheBreaker_OpensAfterTheThreshold_LetsOneProbeThroughAfterTheBreak_AndClosesOnSuccess()
    {
        var time = new InstantTimeProvider();
        var breaker = new CircuitBreaker(threshold: 3, TimeSpan.FromSeconds(5), time);

        breaker.RecordFailure();
        breaker.RecordFailure();
        var stillClosed = breaker.TryAcquire();
        breaker.RecordFailure();
        var whileOpen = breaker.TryAcquire();
        _ = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(6), Timeout.InfiniteTimeSpan); // moves the clock on
        var probe = breaker.TryAcquire();
        var secondProbe = breaker.TryAcquire();
        breaker.RecordSuccess();

        Assert.Multiple(() =>
        {
            Assert.That(stillClosed, Is.True);
            Assert.That(whileOpen, Is.False);
            Assert.That(probe, Is.True);
            Assert.That(secondProbe, Is.False, "one probe at a time");
            Assert.That(breaker.TryAcquire(), Is.True, "closed again");
        });
    }

    private static async IAsyncEnumerable<NewInput> Failing(int after)
    {
        foreach (var input in Inputs(after))
        {
            await Task.Yield();
            yield return input;
        }

        throw new IOException("disk gone");
    }

    /// <summary>Runs <paramref name="body"/> and returns what it threw; fails the test if it does not end in time.</summary>
    private static async Task<Exception?> Bounded(Func<Task> body)
    {
        var run = Task.Run(body);
        var finished = await Task.WhenAny(run, Task.Delay(HangLimit));
        Assert.That(finished, Is.SameAs(run), $"the upload did not end within {HangLimit.TotalSeconds} s");
        try
        {
            await run;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private sealed class ThrowingProgress(int afterReports) : IProgress<UploadProgress>
    {
        private int _reports;

        public void Report(UploadProgress value)
        {
            if (Interlocked.Increment(ref _reports) > afterReports) throw new InvalidOperationException("progress sink broke");
        }
    }
}
