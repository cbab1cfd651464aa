using System.Text.Json.Nodes;
using Clarifai.Grpc.Emulator;
using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// Models of the current kind on the local server, over loopback: what the model received (as the runtime decoded it,
/// read from the server's record of method calls), generate and stream by signature, an image model, the older kind.
/// </summary>
[TestFixture]
public sealed class ModelMethodTests : SharedEmulatorFixture
{
    private static readonly ModelRef Chat = ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-chat");
    private static readonly ModelRef Colors = ModelRef.Parse("https://clarifai.com/clarifai/main/models/color-concepts");
    private static readonly ModelRef EchoLlm = ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm");

    private EmulatorMethodCall LastCall(string method) => Emulator.Traffic.MethodCalls().Last(c => c.Method == method);

    [Test]
    public async Task Signatures_AreReadFromTheModelVersion()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var methods = await clarifai.Methods.GetAsync(Chat);

        Assert.Multiple(() =>
        {
            Assert.That(methods.Select(m => (m.Name, m.Kind)), Is.EqualTo(new[]
            {
                ("predict", ModelMethodKind.Unary), ("generate", ModelMethodKind.Generate), ("openai_transport", ModelMethodKind.Unary),
                ("openai_stream_transport", ModelMethodKind.Generate), ("stream", ModelMethodKind.Stream),
            }));
            Assert.That(methods.Get("predict").ToString(), Is.EqualTo("def predict(prompt: str = \"\", chat_history: List[JSON] = null, tools: List[JSON] = null, tool_choice: str = null, max_tokens: int = 512, temperature: float = 0.7, top_p: float = 0.95) -> str"));
        });
    }

    [Test]
    public async Task EveryArgument_ArrivesAsTheRuntimeDecodesIt_WithItsType()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var history = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Be brief." }, new JsonObject { ["role"] = "user", ["content"] = "Hi" }, new JsonObject { ["role"] = "assistant", ["content"] = "Hello!" });

        var answer = await clarifai.Methods.CallAsync<string>(Chat, "predict", new MethodArguments
        {
            ["prompt"] = "Name three colours",
            ["chat_history"] = history,
            ["max_tokens"] = 64,
            ["temperature"] = 1,
            ["top_p"] = 0.5,
        });

        var received = LastCall("predict").Arguments;
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo("[system: Be brief.] Echo: Name three colours"));
            Assert.That(received["prompt"], Is.EqualTo("Name three colours"));
            Assert.That(received["max_tokens"], Is.EqualTo(64L));
            Assert.That(received["temperature"], Is.EqualTo(1.0), "an int for a float parameter arrives as 1.0, not the runtime's silent 0");
            Assert.That(received["top_p"], Is.EqualTo(0.5));
            Assert.That(((List<object?>)received["chat_history"]!).Cast<JsonObject>().Select(m => (string?)m["role"]), Is.EqualTo(new[] { "system", "user", "assistant" }));
            Assert.That(received.ContainsKey("tools"), Is.False, "left out: the model applies its default");
        });
    }

    [Test]
    public async Task Generate_StreamsByTheGenerateRpc_AndMaxTokensArrives()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var chunks = new List<string>();
        await foreach (var chunk in clarifai.Methods.GenerateAsync(Chat, "generate", new MethodArguments { ["prompt"] = "one two three four five", ["max_tokens"] = 3 })) chunks.Add(chunk.As<string>());

        Assert.That(chunks, Is.EqualTo(new[] { "Echo:", " one", " two" }));
    }

    [Test]
    public async Task Stream_FirstMessageCarriesTheArguments_EveryItemIsAnswered()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var answers = new List<string>();
        await foreach (var answer in clarifai.Methods.StreamAsync(Chat, "stream", new MethodArguments { ["prefix"] = "Heard:" }, Items("a", "b", "c"))) answers.Add(answer.As<string>());

        Assert.That(answers, Is.EqualTo(new[] { "Heard: a", "Heard: b", "Heard: c" }));
    }

    [Test]
    public async Task AnImageModel_TakesAnImageAndAThreshold_AndAnswersConcepts()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var image = ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 3));

        var all = await clarifai.Methods.CallAsync(Colors, "predict", new MethodArguments { ["image"] = image });
        var strong = await clarifai.Methods.CallAsync(Colors, "predict", new MethodArguments { ["image"] = image, ["threshold"] = 0.5 });

        var allConcepts = all.As<System.Collections.Immutable.ImmutableArray<object?>>().Cast<ConceptValue>().ToList();
        var strongConcepts = strong.As<System.Collections.Immutable.ImmutableArray<object?>>().Cast<ConceptValue>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(allConcepts, Has.Count.GreaterThan(strongConcepts.Count));
            Assert.That(strongConcepts.Select(c => c.Value), Is.All.GreaterThanOrEqualTo(0.5f));
            Assert.That(LastCall("predict").Arguments["threshold"], Is.EqualTo(0.5));
        });
    }

    [Test]
    public async Task AModelOfTheOlderKind_IsCalledTheOlderWay()
    {
        using var clarifai = EmulatorClients.Create(Emulator);

        var methods = await clarifai.Methods.GetAsync(EchoLlm);
        var answer = await clarifai.Methods.CallAsync<string>(EchoLlm, "predict", new MethodArguments { ["prompt"] = "hello there", ["system_prompt"] = "Be kind" });

        Assert.Multiple(() =>
        {
            Assert.That(methods.IsOlderKind, Is.True);
            Assert.That(answer, Is.EqualTo("[system: Be kind] Echo: hello there"));
        });
    }

    [Test]
    public async Task TheRuntimesFailure_IsAModelFailedException_WithItsMessage()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var client = clarifai.Api;
        var request = new Clarifai.Api.PostModelOutputsRequest { UserAppId = new Clarifai.Api.UserAppIDSet { UserId = "clarifai", AppId = "main" }, ModelId = "color-concepts" };
        request.Inputs.Add(new Clarifai.Api.Input { Data = new Clarifai.Api.Data { Metadata = new Google.Protobuf.WellKnownTypes.Struct { Fields = { ["_method_name"] = Google.Protobuf.WellKnownTypes.Value.ForString("predict") } } } });

        var failure = await Assert.ThrowsAsync<ClarifaiModelFailedException>(async () => await client.PostModelOutputsAsync(request));

        Assert.That(failure!.Details, Is.EqualTo("Missing required field: image").Or.EqualTo("image is required"));
    }

    private static async IAsyncEnumerable<string> Items(params string[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
