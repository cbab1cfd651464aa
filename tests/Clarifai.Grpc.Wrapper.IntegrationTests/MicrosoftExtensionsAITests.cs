using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Microsoft.Extensions.AI over the local server's built-in models, registered as an application would.</summary>
[TestFixture]
public sealed class MicrosoftExtensionsAITests : SharedEmulatorFixture
{
    private ServiceProvider _provider = null!;

    [SetUp]
    public void Register()
    {
        var services = new ServiceCollection();
        services.AddClarifai(options =>
        {
            var defaults = EmulatorClients.Options(Emulator, EmulatorClients.NewAppId());
            options.Endpoint = defaults.Endpoint;
            options.ApiKey = defaults.ApiKey;
            options.AllowInsecureCredentials = true;
            options.UserId = defaults.UserId;
            options.AppId = defaults.AppId;
        });
        services.AddClarifaiChatClient(ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm"));
        services.AddClarifaiEmbeddingGenerator(ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-text-embedding"));
        _provider = services.BuildServiceProvider();
    }

    [TearDown]
    public async Task Dispose() => await _provider.DisposeAsync();

    [Test]
    public async Task IChatClient_StreamsTheAnswer_AndReportsTheUsage()
    {
        var chat = _provider.GetRequiredService<IChatClient>();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new(ChatRole.System, "terse"), new(ChatRole.User, "good morning")])) updates.Add(update);
        var response = updates.ToChatResponse();

        Assert.Multiple(() =>
        {
            Assert.That(updates.Count(u => u.Text.Length > 0), Is.EqualTo(4), "one update per chunk: the system note, then one per word");
            Assert.That(response.Text, Is.EqualTo("[system: terse] Echo: good morning"));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(2));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task IChatClient_Answers_WithMaxOutputTokens()
    {
        var chat = _provider.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("one two three four", new ChatOptions { MaxOutputTokens = 3 });

        Assert.That(response.Text, Is.EqualTo("Echo: one two"));
    }

    [Test]
    public async Task IEmbeddingGenerator_EmbedsTexts_SoThatSimilarTextsAreCloser()
    {
        var generator = _provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["red apples and green pears", "green pears and red apples", "a lecture on databases"]);

        var v = embeddings.Select(e => e.Vector.ToArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(v, Has.Count.EqualTo(3));
            Assert.That(Dot(v[0], v[1]), Is.EqualTo(1).Within(1e-4), "same words, same direction (the vectors are unit length)");
            Assert.That(Dot(v[0], v[2]), Is.LessThan(0.5));
        });
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
