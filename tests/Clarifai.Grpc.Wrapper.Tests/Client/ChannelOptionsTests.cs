namespace Clarifai.Grpc.Wrapper.Tests.Client;

/// <summary>
/// The channel a client creates waits at most a second between connection attempts after an outage (Grpc.Net.Client's
/// default grows to two minutes), so a server that is back is used within a call's retry budget. The waiting itself is
/// Grpc.Net.Client's, on its own clock; RecoveryTests shows it end to end against a restarted local server.
/// </summary>
[TestFixture]
public sealed class ChannelOptionsTests
{
    [Test]
    public void TheClientsChannel_ReconnectsAfterAtMostASecond_AndTakesAnswersOfAnySize()
    {
        var options = ClarifaiClient.ChannelOptions();
        using var handler = options.HttpHandler;

        Assert.Multiple(() =>
        {
            Assert.That(options.InitialReconnectBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
            Assert.That(options.MaxReconnectBackoff, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.MaxSendMessageSize, Is.Null, "requests are bounded by the library's own checks, before sending");
            Assert.That(options.DisposeHttpClient, Is.True, "the channel owns its handler");
            Assert.That(options.HttpHandler, Is.InstanceOf<SocketsHttpHandler>().With.Property(nameof(SocketsHttpHandler.EnableMultipleHttp2Connections)).True);
        });
    }
}
