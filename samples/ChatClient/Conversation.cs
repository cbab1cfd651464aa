using Microsoft.Extensions.AI;

/// <summary>
/// Plain Microsoft.Extensions.AI code: nothing here knows which provider answers. The same class runs on OpenAI,
/// Ollama or Azure by changing the registration in Program.cs.
/// </summary>
internal sealed class Conversation(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<ChatMessage> history = [new(ChatRole.System, "You are a concise assistant.")];
        foreach (var question in new[] { "What is a haiku?", "Write one about rain." })
        {
            history.Add(new(ChatRole.User, question));
            Console.WriteLine($"> {question}");
            Console.Write("< ");
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in chat.GetStreamingResponseAsync(history, new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 200 }, cancellationToken))
            {
                Console.Write(update.Text);
                updates.Add(update);
            }

            var response = updates.ToChatResponse();
            history.AddMessages(response);
            Console.WriteLine();
            if (response.Usage is { } usage) Console.WriteLine($"  ({usage.InputTokenCount} tokens in, {usage.OutputTokenCount} out)");
        }

        if (embeddings is null) return;
        string[] texts = ["rain on the roof", "the roof in the rain", "a spreadsheet of taxes"];
        var vectors = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
        Console.WriteLine($"Embeddings: {vectors.Count} × {vectors[0].Vector.Length} dimensions; " +
            $"similarity('{texts[0]}', '{texts[1]}') = {Cosine(vectors[0], vectors[1]):0.00}, with '{texts[2]}' = {Cosine(vectors[0], vectors[2]):0.00}");
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b)
    {
        var x = a.Vector.Span;
        var y = b.Vector.Span;
        double dot = 0, nx = 0, ny = 0;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }

        return dot / Math.Sqrt(nx * ny);
    }
}
