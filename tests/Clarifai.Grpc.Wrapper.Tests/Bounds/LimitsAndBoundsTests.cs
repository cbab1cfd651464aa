using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Google.Protobuf;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Bounds;

/// <summary>Values at and past the edges: refused with a clear, typed error before anything is sent.</summary>
[TestFixture]
public sealed class LimitsAndBoundsTests
{
    [Test]
    public void HugeTimeoutsAndWaits_AreRefusedAtValidation_NotOnEveryCall()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Timeout = TimeSpan.MaxValue));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Timeout = TimeSpan.FromDays(400)));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Retry = new RetrySettings { MaxBackoff = TimeSpan.MaxValue }));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Retry = new RetrySettings { InitialBackoff = TimeSpan.FromDays(30), MaxBackoff = TimeSpan.FromDays(30) }));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Polling = new PollingSettings { MaxDelay = TimeSpan.MaxValue }));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Polling = new PollingSettings { Timeout = TimeSpan.MaxValue }));
            Assert.Throws<ArgumentOutOfRangeException>(() => Valid(o => o.Retry = new RetrySettings { MaxAttempts = int.MaxValue }));
            Assert.DoesNotThrow(() => Valid(o => o.Timeout = Timeout.InfiniteTimeSpan));
            Assert.DoesNotThrow(() => Valid(o => o.Timeout = TimeSpan.FromDays(24)));
        });
    }

    [Test]
    public async Task TheLongestTimeoutAccepted_StillMakesCalls()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(Responses.Model("pets", StatusCode.ModelTrained));
        using var client = TestClients.Create(mock, configure: o => o.Timeout = TimeSpan.FromDays(24));

        var model = await client.Models.GetAsync("pets");

        Assert.That(model.Id, Is.EqualTo("pets"));
    }

    [Test]
    public void AConceptBothPresentAndAbsent_OrListedTwice_IsRefused()
    {
        var input = NewInput.FromUrl("https://example.test/a.jpg");

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => input.WithConcepts("cat").WithoutConcepts("cat"));
            Assert.Throws<ArgumentException>(() => input.WithoutConcepts("cat").WithConcepts("cat"));
            Assert.Throws<ArgumentException>(() => input.WithConcepts("cat", "cat"));
            Assert.Throws<ArgumentException>(() => input.WithConcepts("cat").WithConcepts("cat"));
            Assert.DoesNotThrow(() => input.WithConcepts("cat").WithoutConcepts("dog"));
        });
    }

    [Test]
    public async Task TheSameIdTwiceInOneAdd_IsRefused_BeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        var e = (await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.AddAsync([
            NewInput.FromUrl("https://example.test/a.jpg").WithId("same"),
            NewInput.FromUrl("https://example.test/b.jpg").WithId("same"),
        ])))!;

        Assert.That(e.Message, Does.Contain("same"));
        Assert.That(mock.Calls, Is.Empty);
    }

    [Test]
    public async Task AnImageOverTwentyMegabytes_IsRefused_WhereverItEnters()
    {
        var big = new byte[ClarifaiLimits.MaxImageBytes + 1];
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, big);
        try
        {
            await Assert.MultipleAsync(async () =>
            {
                Assert.Throws<ArgumentException>(() => NewInput.FromBytes(big));
                Assert.Throws<ArgumentException>(() => NewInput.FromBytes(ByteString.CopyFrom(big)));
                await Assert.ThrowsAsync<ArgumentException>(() => NewInput.FromStreamAsync(new MemoryStream(big)));
                await Assert.ThrowsAsync<ArgumentException>(() => NewInput.FromFileAsync(path));
                Assert.Throws<ArgumentException>(() => ImageSource.FromBytes(big));
                await Assert.ThrowsAsync<ArgumentException>(() => ImageSource.FromFileAsync(path));
                Assert.DoesNotThrow(() => NewInput.FromBytes(new byte[ClarifaiLimits.MaxImageBytes]));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ARequestOverTheRequestLimit_IsRefused_BeforeAnyCall()
    {
        var invoker = new CountingRefusingInvoker();
        using var client = new ClarifaiClient(TestClients.Options(), invoker);
        var image = new byte[ClarifaiLimits.MaxImageBytes];
        var inputs = Enumerable.Range(0, 7).Select(_ => NewInput.FromBytes(image)).ToList(); // 7 × 20 MiB > 128 MiB

        await Assert.ThrowsAsync<ArgumentException>(() => client.Inputs.AddAsync(inputs));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Predictions.PredictManyAsync("pets", Enumerable.Range(0, 7).Select(_ => ModelInput.FromImage(ImageSource.FromBytes(image)))));

        Assert.That(invoker.Calls, Is.Zero);
    }

    [Test]
    public async Task AMessageSizeError_IsPermanent_ButOtherResourceExhaustionIsRetried()
    {
        var tooLarge = new MockV2().On<GetModelRequest, SingleModelResponse>(_ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        var busy = new MockV2().On<GetModelRequest, SingleModelResponse>(
            _ => GrpcCalls.Failure<SingleModelResponse>(GrpcStatusCode.ResourceExhausted, "quota"),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained)));
        using var first = TestClients.Create(tooLarge);
        using var second = TestClients.Create(busy);

        var e = (await Assert.ThrowsAsync<ClarifaiTransportException>(() => first.Models.GetAsync("pets")))!;
        await second.Models.GetAsync("pets");

        Assert.Multiple(() =>
        {
            Assert.That(tooLarge.CountOf("GetModel"), Is.EqualTo(1));
            Assert.That(e.IsRetryable, Is.False);
            Assert.That(busy.CountOf("GetModel"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task UploadOptions_RefuseBatchesOverTheRequestLimit()
    {
        using var client = TestClients.Create(new MockV2());

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Uploads.UploadAsync(Array.Empty<NewInput>(), new UploadOptions { MaxBatchBytes = ClarifaiLimits.MaxRequestBytes + 1L }));
        await Task.CompletedTask;
    }

    private static void Valid(Action<ClarifaiClientOptions> configure)
    {
        var options = TestClients.Options();
        configure(options);
        options.Validate();
    }
}
