using Clarifai.Api;
using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Wrapper.Tests.Calls;

/// <summary>
/// The resendability table against the protos: an entry for each of the 289 RPCs, each with the verb of its
/// <c>google.api.http</c> binding, and every rule that is not its verb's default with a reason — so a new RPC from a new
/// protos pin fails here until someone decides whether it may be sent twice.
/// </summary>
[TestFixture]
public sealed class RpcResendabilityTests
{
    private static readonly IReadOnlyList<MethodDescriptor> Rpcs = [.. ServiceReflection.Descriptor.Services.Single(s => s.Name == "V2").Methods];

    private static RpcVerb VerbOf(MethodDescriptor method)
    {
        var http = method.GetOptions()?.GetExtension(Google.Api.AnnotationsExtensions.Http) ?? throw new AssertionException($"{method.Name} has no google.api.http binding");
        return http.PatternCase switch
        {
            Google.Api.HttpRule.PatternOneofCase.Get => RpcVerb.Get,
            Google.Api.HttpRule.PatternOneofCase.Post => RpcVerb.Post,
            Google.Api.HttpRule.PatternOneofCase.Put => RpcVerb.Put,
            Google.Api.HttpRule.PatternOneofCase.Patch => RpcVerb.Patch,
            Google.Api.HttpRule.PatternOneofCase.Delete => RpcVerb.Delete,
            var other => throw new AssertionException($"{method.Name}: unexpected binding {other}"),
        };
    }

    [Test]
    public void EveryRpcOfTheProtos_HasAnEntry_WithItsVerb_AndTheTableHasNoOther()
    {
        var missing = Rpcs.Where(m => !RpcResendability.Rules.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        var wrongVerb = Rpcs.Where(m => RpcResendability.Rules.TryGetValue(m.Name, out var rule) && rule.Verb != VerbOf(m)).Select(m => $"{m.Name}: {RpcResendability.Rules[m.Name].Verb} in the table, {VerbOf(m)} in the protos").ToList();
        var unknown = RpcResendability.Rules.Keys.Except(Rpcs.Select(m => m.Name)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Rpcs, Has.Count.EqualTo(289));
            Assert.That(missing, Is.Empty, "RPCs without an entry: decide whether each may be sent twice");
            Assert.That(wrongVerb, Is.Empty);
            Assert.That(unknown, Is.Empty, "entries for RPCs the protos do not have");
        });
    }

    [Test]
    public void EveryDepartureFromTheVerbsDefault_SaysWhy_AndNoOtherEntryHasAReason()
    {
        var departures = RpcResendability.Rules.Where(r => r.Value.Resend != RpcResendability.DefaultFor(r.Value.Verb)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(departures.Where(d => string.IsNullOrWhiteSpace(d.Value.Why)).Select(d => d.Key), Is.Empty, "a departure without a reason");
            Assert.That(RpcResendability.Rules.Where(r => r.Value.Why is not null && r.Value.Resend == RpcResendability.DefaultFor(r.Value.Verb)).Select(r => r.Key), Is.Empty, "a reason for no departure");
            Assert.That(departures, Has.Count.EqualTo(19));
        });
    }

    [Test]
    public void TheRules_WhereTheVerbMisleads_OrTheRequestDecides()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RpcResendability.MayResend("ListNextTaskAssignments", new ListNextTaskAssignmentsRequest()), Is.False, "a GET that hands out tasks");
            Assert.That(RpcResendability.MayResend("ListInputs", new ListInputsRequest()), Is.True, "a GET");
            Assert.That(RpcResendability.MayResend("MyScopes", new MyScopesRequest()), Is.True, "a GET the names alone missed");
            Assert.That(RpcResendability.MayResend("PostInputsSearches", new PostInputsSearchesRequest()), Is.True, "a POST that reads");
            Assert.That(RpcResendability.MayResend("PostSearchesByID", new PostSearchesByIDRequest()), Is.True, "a saved search, run: a read");
            Assert.That(RpcResendability.MayResend("PostModelOutputs", new PostModelOutputsRequest()), Is.True, "a prediction");
            Assert.That(RpcResendability.MayResend("PostModels", new PostModelsRequest()), Is.False, "a POST that creates");
            Assert.That(RpcResendability.MayResend("PutTaskAssignments", new PutTaskAssignmentsRequest()), Is.False, "a PUT that starts work");
            Assert.That(RpcResendability.MayResend("DeleteInputs", new DeleteInputsRequest()), Is.False);
            Assert.That(RpcResendability.MayResend("PostInputs", new PostInputsRequest { Inputs = { new Input { Id = "a" }, new Input { Id = "b" } } }), Is.True, "inputs with ids");
            Assert.That(RpcResendability.MayResend("PostInputs", new PostInputsRequest { Inputs = { new Input { Id = "a" }, new Input() } }), Is.False, "an input without an id would be added twice");
            Assert.That(RpcResendability.MayResend("SomeFutureRpc", null), Is.False, "not in the table: not resent");
        });
    }
}
