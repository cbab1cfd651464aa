using System.Diagnostics;
using System.Threading.RateLimiting;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Engine;

/// <summary>
/// One engine for every call kind: a unary call, a server stream and a bidirectional stream — through the services and
/// through the raw <c>clarifai.Api</c> — and an upload's batch, each meeting one transient failure before its first
/// answer, then answering.
/// Each must be paced by the client's limiter (every attempt), traced as one activity with both attempts, sent twice
/// under one deadline, retried by the one policy (a stream whose RPC may not be resent is not), and translated.
/// </summary>
[TestFixture]
public sealed class OneEngineTests
{
    private static readonly ModelRef Llm = ModelRef.Parse("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct");

    private static MultiOutputResponse Answer(string text) => new()
    {
        Status = ClarifaiFakes.Status(StatusCode.Success),
        Outputs = { new Output { Status = ClarifaiFakes.Status(StatusCode.Success), Data = new Data { Text = new Text { Raw = text } } } },
    };

    private static AsyncServerStreamingCall<MultiOutputResponse> Unavailable() =>
        GrpcCalls.ServerStreaming<MultiOutputResponse>([], new global::Grpc.Core.Status(GrpcStatusCode.Unavailable, "connection reset"));

    private static AsyncDuplexStreamingCall<PostModelOutputsRequest, MultiOutputResponse> UnavailableDuplex() =>
        GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(_ => throw new RpcException(new global::Grpc.Core.Status(GrpcStatusCode.Unavailable, "connection reset")));

    /// <summary>A limiter that grants every permit and counts them: what the engine paced.</summary>
    private sealed class CountingLimiter : RateLimiter
    {
        private int _acquired;

        public int Acquired => Volatile.Read(ref _acquired);

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Grant(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => ValueTask.FromResult<RateLimitLease>(Grant(permitCount));

        private Granted Grant(int permits)
        {
            Interlocked.Add(ref _acquired, permits);
            return new Granted();
        }

        private sealed class Granted : RateLimitLease
        {
            public override bool IsAcquired => true;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }

    public enum Kind
    {
        Unary,
        ServerStream,
        DuplexStream,
        RawServerStream,
        RawDuplexStream,
        UploadBatch,
    }

    private static async Task<List<string>> RunAsync(ClarifaiClient client, Kind kind)
    {
        var texts = new List<string>();
        switch (kind)
        {
            case Kind.Unary:
                texts.Add((await client.Predictions.PredictAsync(Llm, ModelInput.FromText("hi"), options: null)).Text);
                break;
            case Kind.ServerStream:
                await foreach (var chunk in client.Predictions.GenerateAsync(Llm, ModelInput.FromText("hi"))) texts.Add(chunk);
                break;
            case Kind.DuplexStream:
                await foreach (var prediction in client.Predictions.StreamAsync(Llm, One(ModelInput.FromText("hi")))) texts.Add(prediction.Text);
                break;
            case Kind.RawServerStream:
                using (var call = client.Api.GenerateModelOutputs(new PostModelOutputsRequest { ModelId = "llm" }))
                {
                    while (await call.ResponseStream.MoveNext(CancellationToken.None)) texts.Add(call.ResponseStream.Current.Outputs[0].Data.Text.Raw);
                }

                break;
            case Kind.RawDuplexStream:
                using (var call = client.Api.StreamModelOutputs())
                {
                    await call.RequestStream.WriteAsync(new PostModelOutputsRequest { ModelId = "llm" });
                    await call.RequestStream.CompleteAsync();
                    while (await call.ResponseStream.MoveNext(CancellationToken.None)) texts.Add(call.ResponseStream.Current.Outputs[0].Data.Text.Raw);
                }

                break;
            case Kind.UploadBatch:
                var summary = await client.Uploads.UploadAllAsync([NewInput.FromText("hi").WithId("in-1"), NewInput.FromText("ho").WithId("in-2")]);
                if (summary.Succeeded == 2) texts.Add("answer");
                break;
        }

        return texts;
    }

    private static async IAsyncEnumerable<ModelInput> One(ModelInput input)
    {
        await Task.Yield();
        yield return input;
    }

    private static MockV2 FailingOnceThenAnswering(Kind kind) => kind switch
    {
        Kind.UploadBatch => new MockV2().On<PostInputsRequest, MultiInputResponse>(new FakeInputStore { FailCall = call => call == 1 ? GrpcStatusCode.Unavailable : null }.Answer),
        Kind.Unary => new MockV2().On<PostModelOutputsRequest, MultiOutputResponse>(
            _ => GrpcCalls.Failure<MultiOutputResponse>(GrpcStatusCode.Unavailable, "connection reset"),
            _ => GrpcCalls.Unary(Answer("answer"))),
        Kind.ServerStream or Kind.RawServerStream => new MockV2().OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>(
            (_, _) => Unavailable(),
            (_, _) => GrpcCalls.ServerStreaming(Answer("answer"))),
        _ => new MockV2().OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(
            _ => UnavailableDuplex(),
            _ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(_ => [Answer("answer")])),
    };

    private static string MethodOf(Kind kind) => kind switch
    {
        Kind.UploadBatch => "PostInputs",
        Kind.Unary => "PostModelOutputs",
        Kind.ServerStream or Kind.RawServerStream => "GenerateModelOutputs",
        _ => "StreamModelOutputs",
    };

    [TestCase(Kind.Unary)]
    [TestCase(Kind.ServerStream)]
    [TestCase(Kind.DuplexStream)]
    [TestCase(Kind.RawServerStream)]
    [TestCase(Kind.RawDuplexStream)]
    [TestCase(Kind.UploadBatch)]
    public async Task EveryCallKind_IsPacedTracedAsOneCallUnderOneDeadline_AndRetriedByTheOnePolicy(Kind kind)
    {
        var mock = FailingOnceThenAnswering(kind);
        var time = new InstantTimeProvider();
        using var limiter = new CountingLimiter();
        using var client = TestClients.Create(mock, time, configure: o => o.RateLimiter = limiter);
        var activities = new List<Activity>();
        using var listening = ActivityRecording.Listen(activities);

        var texts = await RunAsync(client, kind);

        var method = MethodOf(kind);
        var calls = mock.Calls.Where(c => c.Method == method).ToList();
        var traced = activities.Where(a => a.DisplayName == "clarifai.api.V2/" + method).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(texts, Is.EqualTo(new[] { "answer" }), "translated and answered after the retry");
            Assert.That(calls, Has.Count.EqualTo(2), "sent again after a transient failure before the first answer");
            Assert.That(limiter.Acquired, Is.EqualTo(2), "every attempt paced by the client's limiter");
            Assert.That(traced, Has.Count.EqualTo(1), "one activity for the logical call");
            Assert.That(traced.Single().GetTagItem("clarifai.attempts"), Is.EqualTo(2));
            Assert.That(traced.Single().Events.Select(e => e.Name), Does.Contain("retry"), "the retry is an event of that activity");
            Assert.That(time.Delays, Has.Count.EqualTo(1), "one backoff, which moved the clock");
            Assert.That(calls[0].Options.Deadline, Is.Not.Null);
            Assert.That(calls.Select(c => c.Options.Deadline).Distinct().Count(), Is.EqualTo(1), "one deadline for both attempts, set at the start of the logical call (a deadline per attempt would have moved with the clock)");
        });
    }

    [Test]
    public async Task AStreamingRpcThatMayNotBeResent_IsNotOpenedAgain()
    {
        // PostModelVersionsUpload is a POST that creates: a failure that may have reached the server is the caller's.
        var mock = new MockV2().OnDuplex<PostModelVersionsUploadRequest, PostModelVersionsUploadResponse>(
            _ => GrpcCalls.DuplexStreaming<PostModelVersionsUploadRequest, PostModelVersionsUploadResponse>(_ => throw new RpcException(new global::Grpc.Core.Status(GrpcStatusCode.Unavailable, "connection reset"))),
            _ => GrpcCalls.DuplexStreaming<PostModelVersionsUploadRequest, PostModelVersionsUploadResponse>(_ => [new PostModelVersionsUploadResponse { Status = ClarifaiFakes.Status(StatusCode.Success) }]));
        using var client = TestClients.Create(mock, new InstantTimeProvider());

        using var call = client.Api.PostModelVersionsUpload();
        await call.RequestStream.WriteAsync(new PostModelVersionsUploadRequest());
        await call.RequestStream.CompleteAsync();
        var failure = await Assert.ThrowsAsync<ClarifaiTransportException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.GrpcStatusCode, Is.EqualTo(GrpcStatusCode.Unavailable));
            Assert.That(mock.CountOf("PostModelVersionsUpload"), Is.EqualTo(1), "not resendable by the table: opened once");
        });
    }

    [Test]
    public async Task LeavingAStreamEarly_EndsItsActivityOnce_AsCancelled()
    {
        var mock = new MockV2().OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) => GrpcCalls.ServerStreaming(Answer("a"), Answer("b"), Answer("c")));
        using var client = TestClients.Create(mock, new InstantTimeProvider());
        var activities = new List<Activity>();
        using var listening = ActivityRecording.Listen(activities);

        await foreach (var chunk in client.Predictions.GenerateAsync(Llm, ModelInput.FromText("hi")))
        {
            break;
        }

        Assert.Multiple(() =>
        {
            Assert.That(activities, Has.Count.EqualTo(1), "ended once");
            Assert.That(activities.Single().Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(activities.Single().StatusDescription, Is.EqualTo("CANCELLED"));
        });
    }

    [Test]
    public async Task AnUploadBatch_StopsRetryingWhenTheBreakerOpens_AndEveryInputIsAccountedFor()
    {
        // The server is gone: every attempt fails in transport. Three in a row open the breaker, which then refuses the
        // engine's next retry (and every later batch) instead of spending all eight attempts of each batch.
        var store = new FakeInputStore { FailCall = _ => GrpcStatusCode.Unavailable };
        using var client = TestClients.Create(new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer), new InstantTimeProvider());

        var summary = await client.Uploads.UploadAllAsync(
            Enumerable.Range(0, 30).Select(i => NewInput.FromText($"t{i}").WithId($"in-{i}")),
            new UploadOptions { BatchSize = 10, MaxConcurrency = 1, BreakAfterFailures = 3, BreakDuration = TimeSpan.FromHours(1) });

        Assert.Multiple(() =>
        {
            Assert.That(store.Calls, Is.EqualTo(3), "three attempts of the first batch, then the breaker stopped the engine's retries");
            Assert.That(summary.Total, Is.EqualTo(30));
            Assert.That(summary.NotSent, Is.EqualTo(20), "the later batches were never sent");
            Assert.That(summary.UnknownInputIds, Has.Length.EqualTo(10), "the first batch's attempts failed after they left: they may have landed");
        });
    }

    [Test]
    public async Task DisposingARawStreamMidWay_ReleasesTheCall_AndEndsItsActivityOnce()
    {
        var released = new TaskCompletionSource();
        var mock = new MockV2().OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) => GrpcCalls.ServerStreaming([Answer("a"), Answer("b"), Answer("c")], failure: null, onDispose: () => released.TrySetResult()));
        using var client = TestClients.Create(mock, new InstantTimeProvider());
        var activities = new List<Activity>();
        using var listening = ActivityRecording.Listen(activities);

        var call = client.Api.GenerateModelOutputs(new PostModelOutputsRequest { ModelId = "llm" });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        call.Dispose();

        Assert.That(await Task.WhenAny(released.Task, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(released.Task), "the transport's call was released");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (activities.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Multiple(() =>
        {
            Assert.That(activities, Has.Count.EqualTo(1), "ended once");
            Assert.That(activities.Single().StatusDescription, Is.EqualTo("CANCELLED"));
        });
    }
}
