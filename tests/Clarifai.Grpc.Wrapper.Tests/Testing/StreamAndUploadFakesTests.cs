using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using Moq;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Testing;

/// <summary>The testing kit for streams and uploads, used as a user's own tests would use it.</summary>
[TestFixture]
public sealed class StreamAndUploadFakesTests
{
    /// <summary>A user's code: reports how an upload went.</summary>
    private static async Task<(int Ok, int Bad, UploadSummary Summary)> Report(UploadOutcomes upload)
    {
        int ok = 0, bad = 0;
        await foreach (var outcome in upload)
        {
            if (outcome.Succeeded) ok++;
            else bad++;
        }

        return (ok, bad, upload.Summary!);
    }

    [Test]
    public async Task AFakeUpload_YieldsItsOutcomes_ThenTheirSummary()
    {
        var photo = NewInput.FromUrl("https://example.test/a.jpg").WithId("a");
        var upload = ClarifaiFakes.UploadOutcomes(
            ClarifaiFakes.UploadOutcome(photo, UploadOutcomeKind.Succeeded),
            ClarifaiFakes.UploadOutcome(NewInput.FromUrl("https://example.test/b.jpg"), UploadOutcomeKind.Failed, StatusCode.InputInvalidUrl, attempts: 3),
            ClarifaiFakes.UploadOutcome(NewInput.FromUrl("https://example.test/c.jpg"), UploadOutcomeKind.Unknown, inputId: "c"));
        var uploads = new Mock<UploadService>();
        uploads.Setup(u => u.UploadAsync(It.IsAny<IEnumerable<NewInput>>(), null, null, default)).Returns(upload);

        var (ok, bad, summary) = await Report(uploads.Object.UploadAsync([photo]));

        Assert.Multiple(() =>
        {
            Assert.That((ok, bad), Is.EqualTo((1, 2)));
            Assert.That((summary.Succeeded, summary.Failed, summary.Retried), Is.EqualTo((1L, 1L, 2L)));
            Assert.That(summary.UnknownInputIds, Is.EqualTo(new[] { "c" }));
            Assert.That(summary.Total, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task AServerStream_CanFailAfterItsNthMessage_ThroughTheCheckedClient()
    {
        var invoker = new Mock<CallInvoker>();
        var ok = new MultiOutputResponse { Status = ClarifaiFakes.Status(StatusCode.Success) };
        invoker.Setup(i => i.AsyncServerStreamingCall(It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>(), It.IsAny<PostModelOutputsRequest>()))
               .Returns(() => GrpcCalls.ServerStreaming([ok, ok], new global::Grpc.Core.Status(GrpcStatusCode.Unavailable, "model went away")));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test-key" }, invoker.Object);

        var received = 0;
        var failure = await Assert.ThrowsAsync<ClarifaiTransportException>(async () =>
        {
            using var call = clarifai.Api.GenerateModelOutputs(new PostModelOutputsRequest { ModelId = "llm" });
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) received++;
        });

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(2));
            Assert.That(failure!.GrpcStatusCode, Is.EqualTo(GrpcStatusCode.Unavailable));
            Assert.That(failure.Method, Is.EqualTo("GenerateModelOutputs"));
        });
    }

    [Test]
    public async Task ADuplexStream_RecordsWhatWasWritten_AndServesItsResponses()
    {
        var sent = new List<PostModelOutputsRequest>();
        var invoker = new Mock<CallInvoker>();
        var answer = new MultiOutputResponse { Status = ClarifaiFakes.Status(StatusCode.Success) };
        invoker.Setup(i => i.AsyncDuplexStreamingCall(It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(), It.IsAny<string>(), It.IsAny<CallOptions>()))
               .Returns(() => GrpcCalls.DuplexStreaming(sent, answer, answer, answer));
        using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "test-key" }, invoker.Object);

        using var call = clarifai.Api.StreamModelOutputs();
        await call.RequestStream.WriteAsync(new PostModelOutputsRequest { ModelId = "a" });
        await call.RequestStream.WriteAsync(new PostModelOutputsRequest { ModelId = "b" });
        await call.RequestStream.CompleteAsync();
        var responses = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None)) responses++;

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(sent.Select(r => r.ModelId), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(responses, Is.EqualTo(3));
            await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new PostModelOutputsRequest()));
        });
    }
}
