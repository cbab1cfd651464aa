using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.AI;

/// <summary>The <see cref="IChatClient"/> adapter: what a conversation and its options become on the wire, and what comes back.</summary>
[TestFixture]
public sealed class ChatClientTests
{
    private static readonly ModelRef Llm = ModelRef.Parse("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct");

    private static MultiOutputResponse Answer(string text, uint prompt = 0, uint completion = 0) => new()
    {
        Status = Responses.Status(StatusCode.Success),
        Outputs = { new Output { Id = "out-1", Status = Responses.Status(StatusCode.Success), Data = new Data { Text = new Text { Raw = text } }, PromptTokens = prompt, CompletionTokens = completion } },
    };

    [Test]
    public async Task GetResponseAsync_SendsTheLastMessage_TheSystemPrompt_TheHistory_AndTheOptions()
    {
        var mock = new MockV2().OlderKindModel(Answer("4", prompt: 12, completion: 1));
        using var clarifai = TestClients.Create(mock);
        var chat = clarifai.AsIChatClient(Llm);

        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "What is 2+2?")],
            new ChatOptions { Instructions = "You are a calculator.", Temperature = 0.25f, MaxOutputTokens = 20, TopP = 0.5f, Seed = 7, AdditionalProperties = new() { ["repetition_penalty"] = 1.5 } });

        var request = (PostModelOutputsRequest)mock.Predictions().Single().Request;
        var parameters = request.Model.ModelVersion.OutputInfo.Params.Fields;
        var history = parameters["chat_history"].ListValue.Values.Select(v => (v.StructValue.Fields["role"].StringValue, v.StructValue.Fields["content"].StringValue));
        Assert.Multiple(() =>
        {
            Assert.That((request.UserAppId.UserId, request.UserAppId.AppId, request.ModelId), Is.EqualTo(("meta", "Llama-3", "llama-3-8b-instruct")));
            Assert.That(request.Inputs.Single().Data.Text.Raw, Is.EqualTo("What is 2+2?"));
            Assert.That(parameters["system_prompt"].StringValue, Is.EqualTo("You are a calculator.\nBe brief."));
            Assert.That(history, Is.EqualTo(new[] { ("user", "Hi"), ("assistant", "Hello!") }));
            Assert.That(parameters["temperature"].NumberValue, Is.EqualTo(0.25));
            Assert.That(parameters["max_tokens"].NumberValue, Is.EqualTo(20));
            Assert.That(parameters["top_p"].NumberValue, Is.EqualTo(0.5));
            Assert.That(parameters["seed"].NumberValue, Is.EqualTo(7));
            Assert.That(parameters["repetition_penalty"].NumberValue, Is.EqualTo(1.5));
            Assert.That(response.Text, Is.EqualTo("4"));
            Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
            Assert.That((response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount), Is.EqualTo((12L, 1L, 13L)));
            Assert.That(response.ResponseId, Is.EqualTo("out-1"));
        });
    }

    [Test]
    public async Task AnImageInTheLastMessage_IsSentAsAPartOfAMultimodalInput()
    {
        var mock = new MockV2().OlderKindModel(Answer("a cat"));
        using var clarifai = TestClients.Create(mock);

        await clarifai.AsIChatClient(Llm).GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new UriContent("https://example.com/cat.jpg", "image/jpeg")])]);

        var parts = ((PostModelOutputsRequest)mock.Predictions().Single().Request).Inputs.Single().Data.Parts;
        Assert.That(parts.Select(p => p.Data.Text?.Raw ?? p.Data.Image.Url), Is.EqualTo(new[] { "What is this?", "https://example.com/cat.jpg" }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_YieldsEachChunk_ThenTheUsage()
    {
        var mock = new MockV2().OlderKindModel(Answer("unused")).OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) =>
            GrpcCalls.ServerStreaming(Answer("Once", 3, 1), Answer(" upon", 3, 1), Answer(" a time", 3, 2)));
        using var clarifai = TestClients.Create(mock);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in clarifai.AsIChatClient(Llm).GetStreamingResponseAsync([new(ChatRole.User, "Tell a story")], new ChatOptions { MaxOutputTokens = 3 })) updates.Add(update);
        var combined = updates.ToChatResponse();

        Assert.Multiple(() =>
        {
            Assert.That(mock.Predictions().Single().Method, Is.EqualTo("GenerateModelOutputs"));
            Assert.That(updates.Take(3).Select(u => u.Text), Is.EqualTo(new[] { "Once", " upon", " a time" }));
            Assert.That(combined.Text, Is.EqualTo("Once upon a time"));
            Assert.That(combined.Usage?.OutputTokenCount, Is.EqualTo(4));
            Assert.That(combined.Usage?.InputTokenCount, Is.EqualTo(3));
            Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(updates.Select(u => u.ResponseId).Distinct().Count(), Is.EqualTo(1), "one response id for the whole stream");
        });
    }

    [Test]
    public async Task CancellingAStreamingResponse_Throws()
    {
        var mock = new MockV2().OlderKindModel(Answer("unused")).OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) => GrpcCalls.ServerStreaming(Answer("a"), Answer("b"), Answer("c")));
        using var clarifai = TestClients.Create(mock);
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var _ in clarifai.AsIChatClient(Llm).GetStreamingResponseAsync([new(ChatRole.User, "x")], cancellationToken: cts.Token))
            {
                if (++seen == 1) await cts.CancelAsync();
            }
        });

        Assert.That(seen, Is.EqualTo(1));
    }

    [Test]
    public async Task WhatAModelOfTheOlderKindCannotTake_IsRefusedBeforeAnyPrediction()
    {
        var mock = new MockV2().OlderKindModel(Answer("unused"));
        using var clarifai = TestClients.Create(mock);
        var chat = clarifai.AsIChatClient(Llm);

        await Assert.MultipleAsync(async () =>
        {
            await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([]));
            await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([new(ChatRole.System, "only a system prompt")]));
            await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { Tools = [AIFunctionFactory.Create(() => 1, "one")] }));
            await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { AdditionalProperties = new() { ["when"] = DateTime.UtcNow } }));
            Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([new(ChatRole.User, "x")], new ChatOptions { ModelId = "not a model!" }));
            Assert.That(mock.Predictions(), Is.Empty);
        });
    }

    [Test]
    public async Task ChatOptionsModelId_NamesAnotherModel_ByIdOrUrl()
    {
        var mock = new MockV2().OlderKindModel(Answer("ok"));
        using var clarifai = TestClients.Create(mock);

        await clarifai.AsIChatClient(Llm).GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { ModelId = "https://clarifai.com/openai/chat-completion/models/gpt-4o" });

        var request = (PostModelOutputsRequest)mock.Predictions().Single().Request;
        Assert.That((request.UserAppId.UserId, request.UserAppId.AppId, request.ModelId), Is.EqualTo(("openai", "chat-completion", "gpt-4o")));
    }

    [Test]
    public void GetService_GivesTheMetadataTheModelAndTheClarifaiClient()
    {
        using var clarifai = TestClients.Create(new MockV2());
        var chat = clarifai.AsIChatClient(Llm);

        Assert.Multiple(() =>
        {
            Assert.That(chat.GetService<ChatClientMetadata>()?.ProviderName, Is.EqualTo("clarifai"));
            Assert.That(chat.GetService<ChatClientMetadata>()?.DefaultModelId, Is.EqualTo(Llm.ToString()));
            Assert.That(chat.GetService<ModelRef>(), Is.EqualTo(Llm));
            Assert.That(chat.GetService<ClarifaiClient>(), Is.SameAs(clarifai));
            Assert.That(chat.GetService<ClarifaiClient>(serviceKey: "other"), Is.Null);
        });
    }

    [Test]
    public async Task AddClarifaiChatClient_RegistersTheChatClient_WithM_E_AIsBuilder()
    {
        var mock = new MockV2().OlderKindModel(Answer("from DI"));
        var services = new ServiceCollection();
        services.AddSingleton(_ => TestClients.Create(mock));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        services.AddClarifaiChatClient(Llm).UseLogging();
        services.AddClarifaiEmbeddingGenerator("embedder");
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync([new(ChatRole.User, "x")]);

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("from DI"));
            Assert.That(chat.GetService<ClarifaiChatClient>(), Is.Not.Null, "our client is inside the pipeline");
            Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<ModelRef>(), Is.EqualTo(new ModelRef("embedder")));
        });
    }
}
