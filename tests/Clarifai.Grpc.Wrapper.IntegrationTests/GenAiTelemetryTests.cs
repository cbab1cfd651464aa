using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// Our chat client and embedding generator under Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>: the
/// <c>gen_ai.*</c> span comes from M.E.AI, out of what our adapters report (provider, endpoint, model, usage, finish
/// reason, response id); under it, ours adds the Clarifai call as the RPC conventions name it, with its req_id and
/// attempts — what Clarifai's support asks for.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GenAiTelemetryTests : SharedEmulatorFixture
{
    private const string AppSource = "Clarifai.Tests.GenAi";

    [Test]
    public async Task AChat_IsAGenAiSpanFromOurMetadata_WithTheClarifaiCallNestedUnderIt()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities, AppSource);
        using var client = EmulatorClients.Create(Emulator, EmulatorClients.NewAppId());
        using var chat = new ClarifaiChatClient(client, ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm"))
            .AsBuilder().UseOpenTelemetry(sourceName: AppSource).Build();

        var response = await chat.GetResponseAsync("good morning");

        var genAi = activities.Single(a => a.Source.Name == AppSource && a.GetTagItem("server.port") is int port && port == Emulator.Endpoint.Port);
        var calls = activities.Where(a => a.Source.Name == ClarifaiDiagnostics.Name && a.TraceId == genAi.TraceId).ToList();
        var call = calls[^1];
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.ParentSpanId), Is.All.EqualTo(genAi.SpanId), string.Join(", ", calls.Select(c => c.DisplayName)));
            Assert.That(response.Text, Is.EqualTo("Echo: good morning"));
            Assert.That(genAi.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
            Assert.That(genAi.GetTagItem("gen_ai.provider.name"), Is.EqualTo("clarifai"));
            Assert.That(genAi.GetTagItem("gen_ai.request.model"), Is.EqualTo("https://clarifai.com/clarifai/main/models/echo-llm"));
            Assert.That(genAi.GetTagItem("gen_ai.response.model"), Is.EqualTo("https://clarifai.com/clarifai/main/models/echo-llm"));
            Assert.That(genAi.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(2));
            Assert.That(genAi.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(3));
            Assert.That(genAi.GetTagItem("server.address"), Is.EqualTo(Emulator.Endpoint.Host));
            Assert.That(call.ParentSpanId, Is.EqualTo(genAi.SpanId), "the Clarifai call nests under the chat");
            Assert.That(call.GetTagItem("rpc.method"), Does.StartWith("clarifai.api.V2/"));
            Assert.That(call.GetTagItem("clarifai.req_id"), Is.Not.Null.And.Not.Empty);
            Assert.That(call.GetTagItem("server.port"), Is.EqualTo(Emulator.Endpoint.Port));
        });
    }

    [Test]
    public async Task AnEmbedding_IsAGenAiSpanFromOurMetadata_WithTheClarifaiCallNestedUnderIt()
    {
        var activities = new List<Activity>();
        using var listener = ActivityRecording.Listen(activities, AppSource);
        using var client = EmulatorClients.Create(Emulator, EmulatorClients.NewAppId());
        using var generator = new ClarifaiEmbeddingGenerator(client, ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-text-embedding"))
            .AsBuilder().UseOpenTelemetry(sourceName: AppSource).Build();

        await generator.GenerateAsync(["a red apple"]);

        var genAi = activities.Single(a => a.Source.Name == AppSource && a.GetTagItem("server.port") is int port && port == Emulator.Endpoint.Port);
        var calls = activities.Where(a => a.Source.Name == ClarifaiDiagnostics.Name && a.TraceId == genAi.TraceId).ToList();
        var call = calls[^1];
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.ParentSpanId), Is.All.EqualTo(genAi.SpanId), string.Join(", ", calls.Select(c => c.DisplayName)));
            Assert.That(genAi.GetTagItem("gen_ai.operation.name"), Is.EqualTo("embeddings"));
            Assert.That(genAi.GetTagItem("gen_ai.provider.name"), Is.EqualTo("clarifai"));
            Assert.That(genAi.GetTagItem("gen_ai.request.model"), Is.EqualTo("https://clarifai.com/clarifai/main/models/general-text-embedding"));
            Assert.That(call.ParentSpanId, Is.EqualTo(genAi.SpanId));
            Assert.That(call.GetTagItem("rpc.method"), Is.EqualTo("clarifai.api.V2/PostModelOutputs"));
        });
    }
}
