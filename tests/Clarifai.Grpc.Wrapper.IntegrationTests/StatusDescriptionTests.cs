using Clarifai.Grpc.Emulator;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Every status the local server can answer carries a real description; an unserved RPC says which it is.</summary>
[TestFixture]
public sealed class StatusDescriptionTests : SharedEmulatorFixture
{
    [Test]
    public void EveryCode_HasADescription_NeverItsEnumName()
    {
        var codes = Enum.GetValues<StatusCode>().Distinct().ToList();

        // An enum name is a compound identifier (WorkflowDoesNotExist) or a protobuf name (WORKFLOW_DOES_NOT_EXIST).
        var enumName = new System.Text.RegularExpressions.Regex("^([A-Z][a-z0-9]+){2,}$|^[A-Z0-9]+(_[A-Z0-9]+)+$");
        var bad = codes.Select(code => (code, description: StatusDescriptions.Of(code)))
            .Where(c => string.IsNullOrWhiteSpace(c.description) || enumName.IsMatch(c.description))
            .ToList();

        Assert.That(bad, Is.Empty, $"{codes.Count} codes walked");
    }

    [TestCase(StatusCode.ModelDeploying, "Used when calling the inference coordinator to deploy a spire")]
    [TestCase(StatusCode.ConnExceedHourlyLimit, "Throttle hourly limit exceeded")]
    [TestCase(StatusCode.ConnDoesNotExist, "Resource does not exist")]
    [TestCase(StatusCode.WorkflowDoesNotExist, "Workflow does not exist")]
    [TestCase(StatusCode.Success, "Ok")]
    public void ADescription_IsTheKnownText_TheProtosComment_OrASentence(StatusCode code, string expected) =>
        Assert.That(StatusDescriptions.Of(code), Is.EqualTo(expected));

    [Test]
    public async Task AnUnservedRpc_NamesTheMethod_AndWhereTheServedOnesAreListed()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await clarifai.GrpcClient.ListCollaboratorsAsync(new Clarifai.Api.ListCollaboratorsRequest { UserAppId = new Clarifai.Api.UserAppIDSet { UserId = EmulatorClients.UserId, AppId = "a" } }));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.StatusCode, Is.EqualTo(global::Grpc.Core.StatusCode.Unimplemented));
            Assert.That(failure.Status.Detail, Does.Contain("ListCollaborators").And.Contain("docs/local-server.md"));
        });
    }
}
