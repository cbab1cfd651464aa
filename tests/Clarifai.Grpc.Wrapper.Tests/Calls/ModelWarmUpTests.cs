using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Calls;

/// <summary>
/// Cold models (21351 deploying, 21354 busy, 21355 loading) wait within their own budget, apart from the retry
/// attempts and the per-call deadline. The clock is virtual: minutes of warm-up take no real time.
/// </summary>
[TestFixture]
public sealed class ModelWarmUpTests
{
    private static readonly RetrySettings TwoAttempts = new() { MaxAttempts = 2 };

    private static Func<PostModelOutputsRequest, AsyncUnaryCall<MultiOutputResponse>> Cold(StatusCode code) =>
        _ => GrpcCalls.Unary(new MultiOutputResponse { Status = Responses.Status(code) });

    private static Func<PostModelOutputsRequest, AsyncUnaryCall<MultiOutputResponse>> Ready() =>
        _ => GrpcCalls.Unary(Responses.Outputs(StatusCode.Success, (StatusCode.Success, [("cat", 0.9f)])));

    private static MockV2 ColdTimes(int times, StatusCode code = StatusCode.ModelLoading) =>
        new MockV2().On([.. Enumerable.Repeat(Cold(code), times), Ready()]);

    [TestCase(StatusCode.ModelDeploying)]
    [TestCase(StatusCode.ModelBusyPleaseRetry)]
    [TestCase(StatusCode.ModelLoading)]
    public async Task AColdModel_IsWaitedFor_BeyondTheRetryAttempts(StatusCode code)
    {
        var time = new InstantTimeProvider();
        var mock = ColdTimes(6, code);
        using var client = TestClients.Create(mock, time, TwoAttempts);

        var prediction = await client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg")));

        Assert.Multiple(() =>
        {
            Assert.That(prediction.Concepts[0].Id, Is.EqualTo("cat"));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.EqualTo(7), "six cold answers, then the prediction: the two retry attempts are not spent on them");
            Assert.That(time.Delays.Select(d => d.TotalSeconds), Is.EqualTo(new[] { 1, 1.5, 2.25, 3.375, 5.0625, 7.59375 }).Within(0.001), "1 s growing by 1.5");
        });
    }

    [Test]
    public async Task AfterAWarmUp_ATransientFailureStillHasItsRetryAttempts()
    {
        var mock = new MockV2().On(
            [.. Enumerable.Repeat(Cold(StatusCode.ModelLoading), 4), _ => GrpcCalls.Failure<MultiOutputResponse>(global::Grpc.Core.StatusCode.Unavailable, "reset"), Ready()]);
        using var client = TestClients.Create(mock, retry: TwoAttempts);

        var prediction = await client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg")));

        Assert.Multiple(() =>
        {
            Assert.That(prediction.Concepts, Has.Length.EqualTo(1));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.EqualTo(6));
        });
    }

    [Test]
    public async Task EachAttemptAfterAWarmUpWait_HasAFreshDeadline_SoAWarmUpLongerThanTheTimeoutSucceeds()
    {
        var time = new InstantTimeProvider();
        var mock = ColdTimes(8);
        using var client = TestClients.Create(mock, time, configure: o => o.Timeout = TimeSpan.FromSeconds(5));

        await client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg")));

        var calls = mock.Calls;
        Assert.Multiple(() =>
        {
            Assert.That(time.Delays.Sum(d => d.TotalSeconds), Is.GreaterThan(30), "the warm-up outlasted the 5 s timeout many times over");
            Assert.That(calls, Has.Count.EqualTo(9));
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var sentAt = time.Delays.Aggregate(new List<DateTime> { start }, (list, d) => { list.Add(list[^1] + d); return list; });
            for (var i = 0; i < calls.Count; i++)
            {
                Assert.That(calls[i].Options.Deadline, Is.EqualTo(sentAt[i] + TimeSpan.FromSeconds(5)), $"attempt {i + 1}'s deadline is 5 s after it was sent");
            }
        });
    }

    [Test]
    public async Task AModelThatStaysCold_FailsWithItsCode_OnceTheBudgetIsSpent()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Cold(StatusCode.ModelDeploying));
        using var client = TestClients.Create(mock, time, configure: o => o.ModelWarmUp = new ModelWarmUpSettings { MaxWait = TimeSpan.FromMinutes(1), Jitter = RetryJitter.None });

        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg"))));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo(StatusCode.ModelDeploying));
            Assert.That(time.Delays.Sum(d => d.TotalSeconds), Is.LessThanOrEqualTo(60).And.GreaterThan(45), "waits up to, not past, the budget");
            Assert.That(failure.IsRetryable, Is.True, "the caller may still try later");
        });
    }

    [Test]
    public async Task ACallSettingsBudget_OverridesTheClients()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Cold(StatusCode.ModelLoading));
        using var client = TestClients.Create(mock, time);
        var quick = new CallSettings { ModelWarmUp = new ModelWarmUpSettings { MaxWait = TimeSpan.FromSeconds(3), Jitter = RetryJitter.None } };

        await Assert.ThrowsAsync<ClarifaiException>(() => client.Predictions.PredictAsync(new ModelRef("pets"), ModelInput.FromText("hi"), null, quick));

        Assert.That(time.Delays.Select(d => d.TotalSeconds), Is.EqualTo(new[] { 1, 1.5 }), "1 + 1.5 s fit in 3 s; the next 2.25 s would not");
    }

    [Test]
    public async Task Disabled_HandsColdAnswersToTheOrdinaryRetryRule()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().On(Cold(StatusCode.ModelLoading));
        using var client = TestClients.Create(mock, time, new RetrySettings { MaxAttempts = 3 }, o => o.ModelWarmUp = ModelWarmUpSettings.Disabled);

        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg"))));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo(StatusCode.ModelLoading));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.EqualTo(3), "three attempts, as the retry settings say");
            Assert.That(time.Delays.Select(d => d.TotalMilliseconds), Is.EqualTo(new[] { 100, 200 }), "the retry backoff, not the warm-up's");
        });
    }

    [Test]
    public async Task TheWait_IsLoggedAtInformation_WithTheModelAndTheTimeWaited()
    {
        var mock = ColdTimes(2);
        var logs = new ListLoggerFactory();
        var options = TestClients.Options();
        using var client = new ClarifaiClient(options, mock.Invoker.Object, logs);

        await client.Predictions.PredictAsync("general-llm", ImageSource.FromUrl(new Uri("https://example.com/a.jpg")));

        var info = logs.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(info, Has.Count.EqualTo(3));
            Assert.That(info[0], Does.Contain("model general-llm is not ready (21355 MODEL_LOADING)").And.Contain("waited 0.0 s of 600 s").And.Contain("again in 1.0 s"));
            Assert.That(info[1], Does.Contain("waited 1.0 s"));
            Assert.That(info[2], Does.Contain("model general-llm answered after a warm-up of 2.5 s"));
        });
    }

    [Test]
    public async Task CancellingDuringTheWarmUp_StopsTheCall()
    {
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var mock = new MockV2().On<PostModelOutputsRequest, MultiOutputResponse>(_ =>
        {
            if (++calls == 3) cts.Cancel();
            return GrpcCalls.Unary(new MultiOutputResponse { Status = Responses.Status(StatusCode.ModelLoading) });
        });
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.Predictions.PredictAsync("pets", ImageSource.FromUrl(new Uri("https://example.com/a.jpg")), cancellationToken: cts.Token));

        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public async Task TheCheckedApi_WaitsForAColdModelToo()
    {
        var mock = ColdTimes(3);
        using var client = TestClients.Create(mock);

        var response = await client.Api.PostModelOutputsAsync(new PostModelOutputsRequest { ModelId = "pets" });

        Assert.Multiple(() =>
        {
            Assert.That(response.Outputs, Has.Count.EqualTo(1));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.EqualTo(4));
        });
    }
}
