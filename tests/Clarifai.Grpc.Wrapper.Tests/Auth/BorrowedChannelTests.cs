using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Net.Client;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>A channel the client did not create must not carry the key in plaintext unless the user opted in.</summary>
[TestFixture]
public sealed class BorrowedChannelTests
{
    [Test]
    public void APlaintextChannel_IsRefused_WithoutTheOptIn()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var e = Assert.Throws<ArgumentException>(() => new ClarifaiClient(TestClients.Options(), channel))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.ParamName, Is.EqualTo("channel"));
            Assert.That(e.Message, Does.Contain(nameof(ClarifaiClientOptions.AllowInsecureCredentials)));
            Assert.That(ChannelSecurity.IsSecure(channel), Is.False, "Grpc.Net.Client still tells the channel's security");
        });
    }

    [Test]
    public void APlaintextChannel_IsAccepted_WithTheOptIn()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var options = TestClients.Options();
        options.AllowInsecureCredentials = true;

        Assert.DoesNotThrow(() => new ClarifaiClient(options, channel).Dispose());
    }

    [Test]
    public void ATlsChannel_IsAccepted()
    {
        using var channel = GrpcChannel.ForAddress("https://127.0.0.1:1");

        Assert.DoesNotThrow(() => new ClarifaiClient(TestClients.Options(), channel).Dispose());
        Assert.That(ChannelSecurity.IsSecure(channel), Is.True);
    }
}
