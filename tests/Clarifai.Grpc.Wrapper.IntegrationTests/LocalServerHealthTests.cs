using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The local server's readiness as orchestrators probe a gRPC server: the gRPC health checking protocol, with no key,
/// while the API itself still wants one.
/// </summary>
[TestFixture]
public sealed class LocalServerHealthTests : SharedEmulatorFixture
{
    [Test]
    public async Task TheServerAndTheApi_AreServing_WithoutAKey_AndAnUnknownServiceIsNotFound()
    {
        using var channel = GrpcChannel.ForAddress(Emulator.Endpoint);
        var health = new Health.HealthClient(channel);

        var server = await health.CheckAsync(new HealthCheckRequest());
        var api = await health.CheckAsync(new HealthCheckRequest { Service = "clarifai.api.V2" });
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "nope" }));
        using var watch = health.Watch(new HealthCheckRequest { Service = "clarifai.api.V2" });
        await watch.ResponseStream.MoveNext(CancellationToken.None);
        var watched = watch.ResponseStream.Current.Status;
        var keyless = await new Clarifai.Api.V2.V2Client(channel).ListModelsAsync(new Clarifai.Api.ListModelsRequest());

        Assert.Multiple(() =>
        {
            Assert.That(server.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
            Assert.That(api.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
            Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
            Assert.That(watched, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
            Assert.That(keyless.Status.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.ConnKeyNotFound), "the API still wants a key");
            Assert.That(keyless.Status.ReqId, Does.StartWith("emu-"), "the API's interceptors still run on it");
        });
    }
}
