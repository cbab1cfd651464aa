using System.Diagnostics;
using System.Reflection;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Pipeline;

/// <summary>
/// Every RPC of the generated client, found by reflection, called through <see cref="ClarifaiClient.Api"/>: each gets
/// the key, a deadline, the translation of a failed Clarifai status into the typed exception, and an activity.
/// </summary>
[TestFixture]
[NonParallelizable] // listens to the library's ActivitySource
public sealed class EveryRpcTests
{
    [Test]
    public async Task EveryRpc_GetsCredentials_ADeadline_StatusTranslation_AndTelemetry()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities);
        var invoker = new EchoFailureInvoker { Answer = StatusCode.ModelDoesNotExist };
        using var client = new ClarifaiClient(TestClients.Options(), invoker);
        var problems = new List<string>();
        var rpcs = Rpcs().ToList();

        foreach (var (name, kind, method) in rpcs)
        {
            var responseType = method.ReturnType.GetGenericArguments().Last();
            Exception? thrown = null;
            try
            {
                await CallAsync(client.Api, kind, method);
            }
            catch (Exception e)
            {
                thrown = e;
            }

            var call = invoker.Calls.LastOrDefault(c => c.Method == name);
            if (call.Method is null) { problems.Add($"{name}: never reached the transport"); continue; }
            if (call.Options.Headers?.GetValue("authorization") != "Key " + TestClients.ApiKey) problems.Add($"{name}: no authorization header");
            if (call.Options.Deadline is null) problems.Add($"{name}: no deadline");
            if (EchoFailureInvoker.HasStatus(responseType))
            {
                if (thrown is not ClarifaiNotFoundException { Code: StatusCode.ModelDoesNotExist } e || e.Method != name) problems.Add($"{name}: 21200 became {thrown?.GetType().Name ?? "a result"}");
                if (!activities.Any(a => a.DisplayName == "clarifai.api.V2/" + name && a.Status == ActivityStatusCode.Error)) problems.Add($"{name}: no failed activity");
            }
            else if (thrown is not null)
            {
                problems.Add($"{name}: a response without a status threw {thrown.GetType().Name}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(rpcs, Has.Count.EqualTo(289), "every RPC of the pinned API");
            Assert.That(rpcs.Select(r => r.Kind).Distinct(), Is.EquivalentTo(new[] { MethodType.Unary, MethodType.ServerStreaming, MethodType.DuplexStreaming }), "V2 has no client-streaming RPC");
            Assert.That(problems, Is.Empty);
        });
    }

    [Test]
    public async Task ACheckedCall_MergesTheCallersDeadlineAndHeaders_OverTheClientsDefaults()
    {
        var invoker = new EchoFailureInvoker { Answer = StatusCode.Success };
        using var client = new ClarifaiClient(TestClients.Options(), invoker);
        var deadline = DateTime.UtcNow.AddSeconds(3);

        await client.Api.ListModelsAsync(new ListModelsRequest(), new CallOptions(new Metadata { { "x-trace", "abc" } }, deadline));
        await client.Api.ListModelsAsync(new ListModelsRequest());

        var (first, second) = (invoker.Calls[0].Options, invoker.Calls[1].Options);
        Assert.Multiple(() =>
        {
            Assert.That(first.Deadline, Is.EqualTo(deadline), "the caller's deadline wins");
            Assert.That(first.Headers!.GetValue("x-trace"), Is.EqualTo("abc"));
            Assert.That(first.Headers!.GetValue("authorization"), Is.EqualTo("Key " + TestClients.ApiKey));
            Assert.That(second.Deadline, Is.Not.Null, "else the client's timeout");
        });
    }

    [Test]
    public async Task AnUnknownRead_IsRetried_AndAnUnknownWrite_IsNot()
    {
        var reads = new MockV2().On<ListConceptsRequest, MultiConceptResponse>(
            _ => Clarifai.Grpc.Wrapper.Testing.GrpcCalls.Failure<MultiConceptResponse>(global::Grpc.Core.StatusCode.Unavailable),
            _ => Clarifai.Grpc.Wrapper.Testing.GrpcCalls.Unary(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) }));
        var writes = new MockV2().On<PostConceptsRequest, MultiConceptResponse>(
            _ => Clarifai.Grpc.Wrapper.Testing.GrpcCalls.Failure<MultiConceptResponse>(global::Grpc.Core.StatusCode.Unavailable),
            _ => Clarifai.Grpc.Wrapper.Testing.GrpcCalls.Unary(new MultiConceptResponse { Status = Responses.Status(StatusCode.Success) }));
        using var readClient = TestClients.Create(reads);
        using var writeClient = TestClients.Create(writes);

        await readClient.Api.ListConceptsAsync(new ListConceptsRequest());
        await Assert.ThrowsAsync<ClarifaiTransportException>(async () => await writeClient.Api.PostConceptsAsync(new PostConceptsRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(reads.CountOf("ListConcepts"), Is.EqualTo(2));
            Assert.That(writes.CountOf("PostConcepts"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TheRawClient_StillAnswersAsTheServerSent()
    {
        var invoker = new EchoFailureInvoker { Answer = StatusCode.ModelDoesNotExist };
        using var client = new ClarifaiClient(TestClients.Options(), invoker);

        var response = await client.GrpcClient.GetModelAsync(new GetModelRequest { ModelId = "m" });

        Assert.That(response.Status.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
    }

    /// <summary>The RPCs of <see cref="V2.V2Client"/>: its async unary methods and its streaming methods, with CallOptions.</summary>
    private static IEnumerable<(string Name, MethodType Kind, MethodInfo Method)> Rpcs()
    {
        foreach (var m in typeof(V2.V2Client).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var p = m.GetParameters();
            if (p.Length == 0 || p[^1].ParameterType != typeof(CallOptions) || !m.ReturnType.IsGenericType) continue;
            var returned = m.ReturnType.GetGenericTypeDefinition();
            if (returned == typeof(AsyncUnaryCall<>) && m.Name.EndsWith("Async", StringComparison.Ordinal)) yield return (m.Name[..^5], MethodType.Unary, m);
            else if (returned == typeof(AsyncServerStreamingCall<>)) yield return (m.Name, MethodType.ServerStreaming, m);
            else if (returned == typeof(AsyncClientStreamingCall<,>)) yield return (m.Name, MethodType.ClientStreaming, m);
            else if (returned == typeof(AsyncDuplexStreamingCall<,>)) yield return (m.Name, MethodType.DuplexStreaming, m);
        }
    }

    private static async Task CallAsync(V2.V2Client api, MethodType kind, MethodInfo method)
    {
        var parameters = method.GetParameters();
        var args = parameters.Length == 2 ? new[] { Activator.CreateInstance(parameters[0].ParameterType)!, new CallOptions() } : new object[] { new CallOptions() };
        var call = method.Invoke(api, args)!;
        using var _ = (IDisposable)call;
        switch (kind)
        {
            case MethodType.Unary:
            case MethodType.ClientStreaming:
                await (Task)call.GetType().GetProperty("ResponseAsync")!.GetValue(call)!;
                break;
            default:
                var stream = call.GetType().GetProperty("ResponseStream")!.GetValue(call)!;
                var moveNext = stream.GetType().GetMethod("MoveNext", [typeof(CancellationToken)])!;
                while (await (Task<bool>)moveNext.Invoke(stream, [CancellationToken.None])!)
                {
                }

                break;
        }
    }
}
