using Clarifai.Api;
using Moq;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>The test double itself: "no call was made" assertions rely on it seeing calls nobody scripted.</summary>
[TestFixture]
public sealed class MockV2Tests
{
    [Test]
    public void Calls_IncludesACallNobodyScripted()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        Assert.Throws<MockException>(() => client.GrpcClient.GetModelAsync(new GetModelRequest { ModelId = "m" }));

        Assert.That(mock.Calls.Select(c => c.Method), Is.EqualTo(new[] { "GetModel" }));
    }
}
