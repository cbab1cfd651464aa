using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Calls;

/// <summary>
/// One retry rule: for every gRPC code, what <see cref="ClarifaiException.IsRetryable"/> says is what the executor does
/// with an idempotent call and what the uploader does with a batch.
/// </summary>
[TestFixture]
public sealed class OneRetryRuleTests
{
    private static readonly GrpcStatusCode[] Codes = Enum.GetValues<GrpcStatusCode>().Where(c => c is not (GrpcStatusCode.OK or GrpcStatusCode.Cancelled or GrpcStatusCode.DeadlineExceeded)).ToArray();

    [TestCaseSource(nameof(Codes))]
    public async Task TheExecutor_TheUploader_AndIsRetryable_Agree(GrpcStatusCode code)
    {
        var unary = new MockV2().On<GetModelRequest, SingleModelResponse>(
            _ => GrpcCalls.Failure<SingleModelResponse>(code, "x"),
            _ => GrpcCalls.Unary(Responses.Model("pets", StatusCode.ModelTrained)));
        var upload = new MockV2().On<PostInputsRequest, MultiInputResponse>(
            _ => GrpcCalls.Failure<MultiInputResponse>(code, "x"),
            r => GrpcCalls.Unary(Responses.Inputs(StatusCode.Success, r.Inputs.Select(i => (i.Id, StatusCode.InputPending)).ToArray())));
        using var unaryClient = TestClients.Create(unary);
        using var uploadClient = TestClients.Create(upload);

        var isRetryable = new ClarifaiTransportException("GetModel", 1, new RpcException(new global::Grpc.Core.Status(code, "x"))).IsRetryable;
        var executorRetried = true;
        try
        {
            await unaryClient.Models.GetAsync("pets");
        }
        catch (ClarifaiTransportException)
        {
            executorRetried = false;
        }

        var summary = await uploadClient.Uploads.UploadAllAsync([NewInput.FromUrl("https://example.test/a.jpg")]);
        var uploaderRetried = summary.Succeeded == 1;

        Assert.Multiple(() =>
        {
            Assert.That(executorRetried, Is.EqualTo(isRetryable), "executor");
            Assert.That(uploaderRetried, Is.EqualTo(isRetryable), "uploader");
        });
    }

    [Test]
    public void TheTransientGrpcCodes_AreTheDocumentedOnes()
    {
        var transient = Enum.GetValues<GrpcStatusCode>()
            .Where(c => new ClarifaiTransportException("M", 1, new RpcException(new global::Grpc.Core.Status(c, "x"))).IsRetryable)
            .ToArray();

        Assert.That(transient, Is.EquivalentTo(new[]
        {
            GrpcStatusCode.Unavailable, GrpcStatusCode.Internal, GrpcStatusCode.Aborted, GrpcStatusCode.DeadlineExceeded, GrpcStatusCode.ResourceExhausted,
        }));
    }
}
