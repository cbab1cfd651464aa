using System.Reflection;
using Clarifai.Api;
using Grpc.Core;
using Moq;
using StatusProto = Clarifai.Api.Status.Status;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Generated;

/// <summary>
/// Checks the generated <see cref="V2.V2Client"/> itself: that it is complete and that it hands calls to the
/// <see cref="CallInvoker"/> it was built over, which is the seam every other layer and every user's test relies on.
/// </summary>
[TestFixture]
public sealed class GeneratedClientTests
{
    [Test]
    public async Task PostModelOutputsAsync_ReachesTheInvokerWithMethodRequestAndHeaders_AndReturnsTheCannedResponse()
    {
        var canned = new MultiOutputResponse
        {
            Status = new StatusProto { Code = StatusCode.Success, Description = "Ok", ReqId = "req-1" },
            Outputs = { new Output { Id = "out-1", Data = new Data { Concepts = { new Concept { Id = "charlie", Value = 0.97f } } } } },
        };
        PostModelOutputsRequest? seenRequest = null;
        Metadata? seenHeaders = null;
        string? seenMethod = null;

        var invoker = new Mock<CallInvoker>(MockBehavior.Strict);
        invoker
            .Setup(i => i.AsyncUnaryCall(
                It.IsAny<Method<PostModelOutputsRequest, MultiOutputResponse>>(),
                It.IsAny<string?>(),
                It.IsAny<CallOptions>(),
                It.IsAny<PostModelOutputsRequest>()))
            .Callback((Method<PostModelOutputsRequest, MultiOutputResponse> method, string? _, CallOptions options, PostModelOutputsRequest request) =>
            {
                seenMethod = method.FullName;
                seenHeaders = options.Headers;
                seenRequest = request;
            })
            .Returns(new AsyncUnaryCall<MultiOutputResponse>(
                Task.FromResult(canned), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { }));

        var client = new V2.V2Client(invoker.Object);
        var request = new PostModelOutputsRequest
        {
            UserAppId = new UserAppIDSet { UserId = "me", AppId = "pets-app" },
            ModelId = "pets",
            Inputs = { new Input { Data = new Data { Image = new Image { Url = "https://samples.clarifai.com/puppy.jpeg" } } } },
        };
        var headers = new Metadata { { "authorization", "Key test-pat" } };

        var response = await client.PostModelOutputsAsync(request, headers);

        Assert.Multiple(() =>
        {
            Assert.That(seenMethod, Is.EqualTo("/clarifai.api.V2/PostModelOutputs"));
            Assert.That(seenRequest, Is.EqualTo(request));
            Assert.That(seenRequest!.UserAppId.AppId, Is.EqualTo("pets-app"));
            Assert.That(seenRequest.Inputs[0].Data.Image.Url, Is.EqualTo("https://samples.clarifai.com/puppy.jpeg"));
            Assert.That(seenHeaders!.GetValue("authorization"), Is.EqualTo("Key test-pat"));
            Assert.That(response, Is.EqualTo(canned));
            Assert.That(response.Outputs[0].Data.Concepts[0].Id, Is.EqualTo("charlie"));
        });
    }

    [Test]
    public void V2Client_ExposesEveryRpcOfThePinnedService()
    {
        // The service descriptor comes from the pinned protos; the client must have a unary or streaming method for each.
        var service = ServiceReflection.Descriptor.Services.Single(s => s.Name == "V2");
        var clientMethods = typeof(V2.V2Client)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);

        var missing = service.Methods.Where(m => !clientMethods.Contains(m.Name)).Select(m => m.Name).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(service.FullName, Is.EqualTo("clarifai.api.V2"));
            Assert.That(service.Methods, Has.Count.GreaterThanOrEqualTo(280), "the pinned API has about 290 RPCs");
            Assert.That(missing, Is.Empty);
        });
    }

    [Test]
    public void GeneratedTypes_LiveInTheNamespacesOfClarifaisOwnPackage()
    {
        Assert.Multiple(() =>
        {
            Assert.That(typeof(V2.V2Client).FullName, Is.EqualTo("Clarifai.Api.V2+V2Client"));
            Assert.That(typeof(V2.V2Base).FullName, Is.EqualTo("Clarifai.Api.V2+V2Base"));
            Assert.That(typeof(StatusCode).FullName, Is.EqualTo("Clarifai.Api.Status.StatusCode"));
            Assert.That((int)StatusCode.MixedStatus, Is.EqualTo(10010));
            Assert.That((int)StatusCode.ModelQueuedForTraining, Is.EqualTo(21103));
        });
    }
}
