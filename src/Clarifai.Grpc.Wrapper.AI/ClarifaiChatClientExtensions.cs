using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.AI;
using Clarifai.Grpc.Wrapper.Models;

// In Microsoft.Extensions.AI's namespace, as the OpenAI, Azure and Ollama adapters put theirs: found where IChatClient is.
namespace Microsoft.Extensions.AI;

/// <summary>Microsoft.Extensions.AI views of a <see cref="ClarifaiClient"/>, named as the other providers name theirs.</summary>
public static class ClarifaiChatClientExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> over a Clarifai LLM. The last message is the prompt (text, and images as a
    /// multimodal input); system messages and <see cref="ChatOptions.Instructions"/> are sent as the
    /// <c>system_prompt</c> inference parameter, earlier turns as <c>chat_history</c> (<c>[{ role, content }]</c>),
    /// <see cref="ChatOptions.Temperature"/>, <see cref="ChatOptions.MaxOutputTokens"/>, <c>TopP</c>, <c>TopK</c>,
    /// penalties, <c>Seed</c>, stop sequences and <see cref="ChatOptions.AdditionalProperties"/> as inference parameters.
    /// </summary>
    /// <param name="client">The Clarifai client.</param>
    /// <param name="model">The model, e.g. <c>ModelRef.Parse("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct")</c>.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsIChatClient(this ClarifaiClient client, ModelRef model) => new ClarifaiChatClient(client, model);

    /// <summary>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of texts over a Clarifai embedding model.</summary>
    /// <param name="client">The Clarifai client.</param>
    /// <param name="model">The embedding model.</param>
    /// <returns>The embedding generator.</returns>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this ClarifaiClient client, ModelRef model) => new ClarifaiEmbeddingGenerator(client, model);
}
