using Clarifai.Grpc.Emulator;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// Registration is the only place that names Clarifai. Without CLARIFAI_PAT, the local server runs in this process and
// its echo-llm answers (it echoes the prompt, word by word); with it, the real API and the model URL in the first
// argument, e.g. https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var options = ClarifaiClientOptions.FromEnvironment();
ClarifaiEmulator? emulator = null;
ModelRef chatModel;
ModelRef? embeddingModel = null;
if (options.ApiKey is null)
{
    emulator = await ClarifaiEmulator.StartAsync(cancellationToken: cancellation.Token);
    options = new ClarifaiClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey, AllowInsecureCredentials = true, UserId = "sample-user", AppId = "sample-app" };
    chatModel = ModelRef.Parse("https://clarifai.com/clarifai/main/models/echo-llm");
    embeddingModel = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-text-embedding");
    Console.WriteLine($"No CLARIFAI_PAT set: using the local Clarifai server at {emulator.Endpoint} and its echo-llm");
}
else
{
    if (args.Length == 0)
    {
        Console.Error.WriteLine("Usage: dotnet run --project samples/ChatClient -- <clarifai.com model URL> [embedding model URL]");
        return 2;
    }

    chatModel = ModelRef.Parse(args[0]);
    if (args.Length > 1) embeddingModel = ModelRef.Parse(args[1]);
    Console.WriteLine($"Using the Clarifai API at {options.Endpoint} with {chatModel}");
}

var services = new ServiceCollection();
services.AddClarifai(o =>
{
    o.Endpoint = options.Endpoint;
    o.ApiKey = options.ApiKey;
    o.AllowInsecureCredentials = options.AllowInsecureCredentials;
    o.UserId = options.UserId;
    o.AppId = options.AppId;
});
services.AddClarifaiChatClient(chatModel);
if (embeddingModel is not null) services.AddClarifaiEmbeddingGenerator(embeddingModel);
services.AddSingleton(provider => new Conversation(provider.GetRequiredService<IChatClient>(), provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>()));

try
{
    await using var provider = services.BuildServiceProvider();
    await provider.GetRequiredService<Conversation>().RunAsync(cancellation.Token);
    return 0;
}
finally
{
    if (emulator is not null) await emulator.DisposeAsync();
}
