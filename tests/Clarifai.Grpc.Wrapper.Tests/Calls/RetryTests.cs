using System.Net.Http;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Calls;

/// <summary>The retry policy, the one deadline per call, and cancellation. The clock is virtual: nothing sleeps.</summary>
[TestFixture]
public sealed class RetryTests
{
    private static readonly RetrySettings FourAttempts = new() { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(100), BackoffMultiplier = 2, MaxBackoff = TimeSpan.FromSeconds(1) };

    private static Func<GetModelRequest, AsyncUnaryCall<SingleModelResponse>> Answer(StatusCode code) =>
        _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained) is var r ? Responses.WithStatus(r, code) : null!);

    private static Func<GetModelRequest, AsyncUnaryCall<SingleModelResponse>> Transport(GrpcStatusCode code, Exception? debug = null) =>
        _ => GrpcCalls.Failure<SingleModelResponse>(code, "transport", debug);

    [TestCase(StatusCode.ConnExceedHourlyLimit)]
    [TestCase(StatusCode.ConnThrottled)]
    [TestCase(StatusCode.InternalServerIssue)]
    [TestCase(StatusCode.RpcServerUnavailable)]
    public async Task ARetryableCode_IsRetried_ThenTheSuccessIsReturned(StatusCode code)
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(code), Answer(code), Answer(StatusCode.Success));
        using var client = TestClients.Create(mock, time, FourAttempts);

        var model = await client.Models.GetAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(model.Id, Is.EqualTo("pets"));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(3));
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200) }));
        });
    }

    [Test]
    public async Task GrpcUnavailable_IsRetried_ForAnIdempotentCall()
    {
        var mock = new MockV2().On(Transport(GrpcStatusCode.Unavailable), Answer(StatusCode.Success));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await client.Models.GetAsync("pets");

        Assert.That(mock.CountOf("GetModel"), Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_StopAtMaxAttempts_AndTheLastErrorIsThrown()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(StatusCode.ConnThrottled));
        using var client = TestClients.Create(mock, time, FourAttempts);

        var ex = await Assert.ThrowsAsync<ClarifaiThrottledException>(() => client.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(4));
            Assert.That(ex!.Code, Is.EqualTo(StatusCode.ConnThrottled));
            Assert.That(ex.IsRetryable, Is.True);
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400) }));
        });
    }

    [Test]
    public async Task Backoff_IsCappedAtMaxBackoff()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(StatusCode.ConnThrottled));
        using var client = TestClients.Create(mock, time, FourAttempts with { MaxAttempts = 7 });

        await Assert.ThrowsAsync<ClarifaiThrottledException>(() => client.Models.GetAsync("pets"));

        Assert.That(time.Delays.Max(), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Jitter_KeepsEveryBackoffBetweenZeroAndItsCeiling()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(StatusCode.ConnThrottled));
        using var client = TestClients.Create(mock, time, FourAttempts with { Jitter = new ScriptedJitter(0.25, 0.5, 0.0) });

        await Assert.ThrowsAsync<ClarifaiThrottledException>(() => client.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            // Ceilings 100, 200, 400 ms times the draws; a zero wait needs no timer, so only two waits are timed.
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(100) }));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task APermanentError_IsNotRetried()
    {
        var mock = new MockV2().On(Answer(StatusCode.ConnKeyInvalid));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => client.Models.GetAsync("pets"));

        Assert.That(mock.CountOf("GetModel"), Is.EqualTo(1));
    }

    [Test]
    public async Task ANonIdempotentCall_IsNotRetriedOnUnavailable_SinceItMayHaveReachedTheServer()
    {
        var mock = new MockV2().On<PostModelVersionsRequest, SingleModelResponse>(
            _ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.Unavailable),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelQueuedForTraining)));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        var ex = await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.ModelVersions.TrainAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(mock.CountOf("PostModelVersions"), Is.EqualTo(1));
            Assert.That(ex!.GrpcStatusCode, Is.EqualTo(GrpcStatusCode.Unavailable));
            Assert.That(ex.InnerException, Is.InstanceOf<RpcException>());
        });
    }

    [Test]
    public async Task ANonIdempotentCall_IsNotRetriedOnAModelBusyAnswer()
    {
        var mock = new MockV2().On<PostModelVersionsRequest, SingleModelResponse>(
            _ => GrpcCalls.Unary(Responses.WithStatus(new SingleModelResponse(), StatusCode.ModelBusyPleaseRetry)),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelQueuedForTraining)));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await Assert.ThrowsAsync<ClarifaiException>(() => client.ModelVersions.TrainAsync("pets"));

        Assert.That(mock.CountOf("PostModelVersions"), Is.EqualTo(1));
    }

    [Test]
    public async Task ANonIdempotentCall_IsRetriedWhenTheServerRefusedItBeforeDoingWork()
    {
        var mock = new MockV2().On<PostModelVersionsRequest, SingleModelResponse>(
            _ => GrpcCalls.Unary(Responses.WithStatus(new SingleModelResponse(), StatusCode.ConnThrottled)),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelQueuedForTraining)));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        var version = await client.ModelVersions.TrainAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(mock.CountOf("PostModelVersions"), Is.EqualTo(2));
            Assert.That(version.State, Is.EqualTo(ModelVersionState.Queued));
        });
    }

    [Test]
    public async Task ANonIdempotentCall_IsRetriedWhenNoConnectionCouldBeOpened()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        var mock = new MockV2().On<PostModelVersionsRequest, SingleModelResponse>(
            _ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.Unavailable, "Error connecting", refused),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelQueuedForTraining)));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await client.ModelVersions.TrainAsync("pets");

        Assert.That(mock.CountOf("PostModelVersions"), Is.EqualTo(2));
    }

    [Test]
    public async Task PostInputs_WithoutClientIds_IsNotRetriedOnUnavailable_ButWithIdsItIs()
    {
        // The same script for both: Unavailable once, then success. Only the call with ids may use the second answer.
        MockV2 Script() => new MockV2().On<PostInputsRequest, MultiInputResponse>(
            _ => GrpcCalls.Failure<MultiInputResponse>(GrpcStatusCode.Unavailable),
            r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Inputs.Select(i => (i.Id, StatusCode.InputPending)).ToArray())));
        var withoutIds = Script();
        var withIds = Script();
        using var first = TestClients.Create(withoutIds, retry: FourAttempts);
        using var second = TestClients.Create(withIds, retry: FourAttempts);

        await Assert.ThrowsAsync<ClarifaiTransportException>(() => first.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg")]));
        var result = await second.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg").WithId("a")]);

        Assert.Multiple(() =>
        {
            Assert.That(withoutIds.CountOf("PostInputs"), Is.EqualTo(1), "without ids: sent once, never again");
            Assert.That(withIds.CountOf("PostInputs"), Is.EqualTo(2), "with ids: retried after Unavailable");
            Assert.That(result.AllSucceeded, Is.True);
        });
    }

    [Test]
    public async Task PostInputs_WithClientIds_IsRetriedOnUnavailable()
    {
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(
            _ => GrpcCalls.Failure<MultiInputResponse>(GrpcStatusCode.Unavailable),
            _ => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, ("a", StatusCode.InputPending))));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await client.Inputs.AddAsync([NewInput.FromUrl("https://example.test/a.jpg").WithId("a")]);

        Assert.That(mock.CountOf("PostInputs"), Is.EqualTo(2));
    }

    [Test]
    public async Task EveryAttempt_CarriesTheSameDeadline_ComputedOncePerCall()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(StatusCode.ConnThrottled), Answer(StatusCode.Success));
        using var client = TestClients.Create(mock, time, FourAttempts, o => o.Timeout = TimeSpan.FromSeconds(30));
        var expected = (time.GetUtcNow() + TimeSpan.FromSeconds(30)).UtcDateTime;

        await client.Models.GetAsync("pets");

        Assert.That(mock.Calls.Select(c => c.Options.Deadline), Is.EqualTo(new DateTime?[] { expected, expected }));
    }

    [Test]
    public async Task NoRetry_IsMadeWhenTheBackoffWouldEndAfterTheDeadline()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Answer(StatusCode.ConnThrottled));
        var slow = FourAttempts with { InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(8) };
        using var client = TestClients.Create(mock, time, slow, o => o.Timeout = TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<ClarifaiThrottledException>(() => client.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            // Waits of 2 s then 4 s would end at 6 s, after the 5 s deadline: only the first is made.
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AnInfiniteTimeout_SendsNoDeadline()
    {
        var mock = new MockV2().On(Answer(StatusCode.Success));
        using var client = TestClients.Create(mock, configure: o => o.Timeout = Timeout.InfiniteTimeSpan);

        await client.Models.GetAsync("pets");

        Assert.That(mock.Calls.Single().Options.Deadline, Is.Null);
    }

    [Test]
    public async Task DeadlineExceeded_BecomesATransportException_AndIsNotRetried()
    {
        var mock = new MockV2().On(Transport(GrpcStatusCode.DeadlineExceeded));
        using var client = TestClients.Create(mock, retry: FourAttempts);

        var ex = await Assert.ThrowsAsync<ClarifaiTransportException>(() => client.Models.GetAsync("pets"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.GrpcStatusCode, Is.EqualTo(GrpcStatusCode.DeadlineExceeded));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TheCancellationToken_ReachesTheCall_AndCancellationSurfacesAsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var mock = new MockV2().On<GetModelRequest, SingleModelResponse>(_ =>
        {
            cts.Cancel();
            return GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.Cancelled);
        });
        using var client = TestClients.Create(mock, retry: FourAttempts);

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.Models.GetAsync("pets", cancellationToken: cts.Token));

        Assert.Multiple(() =>
        {
            Assert.That(mock.Calls.Single().Options.CancellationToken, Is.EqualTo(cts.Token));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AnAlreadyCancelledToken_SendsNothing()
    {
        var mock = new MockV2().On(Answer(StatusCode.Success));
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.Models.GetAsync("pets", cancellationToken: new CancellationToken(canceled: true)));

        Assert.That(mock.Calls, Is.Empty);
    }
}
