using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// <see cref="IChatClient"/> code over models of the current kind on the local server — <c>echo-chat</c> (the OpenAI
/// transport pair) and <c>llm-chat</c> (the standard LLM signature only): what a generic M.E.AI program sets arrives
/// (read from the server's record of what the model received), tools run through <see cref="FunctionInvokingChatClient"/>,
/// structured output, streaming with usage.
/// </summary>
[TestFixture]
public sealed class ChatOnCurrentModelsTests : SharedEmulatorFixture
{
    private static ModelRef Model(string id) => ModelRef.Parse($"https://clarifai.com/clarifai/main/models/{id}");

    private EmulatorMethodCall LastCall(string model) => Emulator.Traffic.MethodCalls().Last(c => c.ModelId == model);

    [Test]
    public async Task TheStandardLlmSignature_ReceivesTheSystemPrompt_TheHistory_AndEverySetting()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = clarifai.AsIChatClient(Model("llm-chat"));

        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "Name three colours")],
            new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 64, TopP = 0.5f });

        var received = LastCall("llm-chat").Arguments;
        var history = ((List<object?>)received["chat_history"]!).Cast<JsonObject>().Select(m => ((string?)m["role"], (string?)m["content"])).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("[system: Be brief.] Echo: Name three colours"));
            Assert.That(received["prompt"], Is.EqualTo("Name three colours"));
            Assert.That(history, Is.EqualTo(new[] { ("system", "Be brief."), ("user", "Hi"), ("assistant", "Hello!") }));
            Assert.That(received["temperature"], Is.EqualTo(0.2), "0.2f arrives as 0.2, not 0.20000000298");
            Assert.That(received["max_tokens"], Is.EqualTo(64L));
            Assert.That(received["top_p"], Is.EqualTo(0.5));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(7), "words of every message");
        });
    }

    [Test]
    public async Task TheOpenAiTransport_ReceivesTheWholeRequest()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = clarifai.AsIChatClient(Model("echo-chat"));

        var response = await chat.GetResponseAsync(
            [new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "one two three four")],
            new ChatOptions { Instructions = "Be brief.", Temperature = 0.2f, MaxOutputTokens = 6, AdditionalProperties = new() { ["metadata"] = new Dictionary<string, object?> { ["tags"] = new[] { "a", "b" } } } });

        var request = JsonNode.Parse((string)LastCall("echo-chat").Arguments["msg"]!)!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("[system: Be brief.] Echo: one two"), "cut at 6 words");
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Length));
            Assert.That(request["messages"]!.AsArray().Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "system", "user", "assistant", "user" }));
            Assert.That((double)request["temperature"]!, Is.EqualTo(0.2).Within(1e-6));
            Assert.That((int)request["max_completion_tokens"]!, Is.EqualTo(6));
            Assert.That(request["metadata"]!["tags"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { "a", "b" }), "a dictionary of lists in AdditionalProperties goes as JSON");
            Assert.That((response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount), Is.EqualTo((8L, 6L)));
        });
    }

    [TestCase("echo-chat")]
    [TestCase("llm-chat")]
    public async Task FunctionInvokingChatClient_RunsTheTool_AndItsResultReachesTheModel(string model)
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var calls = 0;
        var secret = AIFunctionFactory.Create(() => { calls++; return 42; }, "GetSecretNumber", "Returns the secret number.");
        var chat = new ChatClientBuilder(clarifai.AsIChatClient(Model(model))).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, "You answer with tools."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "What is the secret number?")],
            new ChatOptions { Tools = [secret] });

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1), "the tool really ran");
            Assert.That(response.Text, Is.EqualTo("The result of GetSecretNumber is 42."));
            Assert.That(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name, Is.EqualTo("GetSecretNumber"));
        });
    }

    [TestCase("echo-chat")]
    [TestCase("llm-chat")]
    public async Task ToolArguments_TravelBothWays(string model)
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        string? seen = null;
        var weather = AIFunctionFactory.Create((string city) => { seen = city; return $"sunny in {city}"; }, "GetWeather", "The weather in a city.");
        var chat = new ChatClientBuilder(clarifai.AsIChatClient(Model(model))).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync([new(ChatRole.User, "What is the weather? city=Paris")], new ChatOptions { Tools = [weather] });

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo("Paris"));
            Assert.That(response.Text, Is.EqualTo("The result of GetWeather is sunny in Paris."));
        });
    }

    [TestCase("echo-chat")]
    [TestCase("llm-chat")]
    public async Task NumberArguments_TakeTheMessagesNumbersInOrder(string model)
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = new ChatClientBuilder(clarifai.AsIChatClient(Model(model))).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("What is the result of SecretComputation on 42 and 84?", new ChatOptions { Tools = [AIFunctionFactory.Create((int a, int b) => a * b, "SecretComputation")] });

        Assert.That(response.Text, Is.EqualTo("The result of SecretComputation is 3528."));
    }

    [Test]
    public async Task ACachedAnswer_IsServedWithoutAsking_AndTheModelIsAskedAgainForAnotherPrompt()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var cache = new Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        var chat = new ChatClientBuilder(clarifai.AsIChatClient(Model("echo-chat"))).UseDistributedCache(cache).Build();
        var before = Emulator.Traffic.MethodCalls().Count(c => c.ModelId == "echo-chat" && c.Method == "openai_transport");

        var first = await chat.GetResponseAsync("cache me please");
        var second = await chat.GetResponseAsync("cache me please");
        var other = await chat.GetResponseAsync("something else");

        var asked = Emulator.Traffic.MethodCalls().Count(c => c.ModelId == "echo-chat" && c.Method == "openai_transport") - before;
        Assert.Multiple(() =>
        {
            Assert.That(second.Text, Is.EqualTo(first.Text));
            Assert.That(other.Text, Is.EqualTo("Echo: something else"));
            Assert.That(asked, Is.EqualTo(2), "the repeated prompt came from the cache");
        });
    }

    [Test]
    public async Task StructuredOutput_ToADotNetType_OnTheOpenAiTransport()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = clarifai.AsIChatClient(Model("echo-chat"));

        var response = await chat.GetResponseAsync<CityWeather>([new(ChatRole.User, "city=Paris degrees=21 sunny=true")]);

        var sent = JsonNode.Parse((string)LastCall("echo-chat").Arguments["msg"]!)!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Result.City, Is.EqualTo("Paris"));
            Assert.That(response.Result.Degrees, Is.EqualTo(21));
            Assert.That((string?)sent["response_format"]!["type"], Is.EqualTo("json_schema"));
        });
    }

    [Test]
    public async Task AResponseFormat_IsRefused_WhereTheSignatureCannotTakeIt()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = clarifai.AsIChatClient(Model("llm-chat"));

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync<CityWeather>([new(ChatRole.User, "city=Paris")]));

        Assert.That(failure!.Message, Does.Contain("response format").And.Contain("def predict("));
    }

    [TestCase("echo-chat")]
    [TestCase("llm-chat")]
    public async Task Streaming_YieldsTheWords_ThenTheUsageAndFinishReason(string model)
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var chat = clarifai.AsIChatClient(Model(model));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new(ChatRole.User, "good morning")], new ChatOptions { MaxOutputTokens = 10 })) updates.Add(update);
        var response = updates.ToChatResponse();

        Assert.Multiple(() =>
        {
            Assert.That(updates.Count(u => u.Text.Length > 0), Is.EqualTo(3));
            Assert.That(response.Text, Is.EqualTo("Echo: good morning"));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(2));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Embeddings_GoThroughTheOpenAiTransport_WhereTheModelHasIt()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        string[] texts = ["the cat sat on the mat", "quantum chromodynamics"];

        var viaTransport = await clarifai.AsIEmbeddingGenerator(Model("echo-chat")).GenerateAsync(texts);
        var viaPredictions = await clarifai.AsIEmbeddingGenerator(Model("general-text-embedding")).GenerateAsync(texts);

        var sent = JsonNode.Parse((string)LastCall("echo-chat").Arguments["msg"]!)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)sent["openai_endpoint"], Is.EqualTo("/embeddings"));
            Assert.That(viaTransport.Select(e => e.Vector.ToArray()), Is.EqualTo(viaPredictions.Select(e => e.Vector.ToArray())).Within(1e-6f), "the same 64-dimensional features, by either route");
            Assert.That(viaTransport.Usage?.InputTokenCount, Is.EqualTo(8));
        });
    }

    public sealed record CityWeather(string City, int Degrees, bool Sunny);
}
