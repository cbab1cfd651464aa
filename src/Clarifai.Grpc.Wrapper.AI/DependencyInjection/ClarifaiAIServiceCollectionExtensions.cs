using Clarifai.Grpc.Wrapper;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Clarifai models as the application's <see cref="IChatClient"/> and <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>,
/// over the <see cref="ClarifaiClient"/> that <c>AddClarifai</c> registered, through Microsoft.Extensions.AI's own
/// builders (so <c>.UseLogging()</c>, <c>.UseOpenTelemetry()</c>, <c>.UseDistributedCache()</c> compose as usual).
/// </summary>
/// <example><code>
/// services.AddClarifai(configuration)
///         .AddClarifaiChatClient("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct")
///         .UseLogging();
/// </code></example>
public static class ClarifaiAIServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IChatClient"/> over <paramref name="model"/>.</summary>
    /// <param name="services">The services, with <c>AddClarifai</c> called.</param>
    /// <param name="model">The model (a <see cref="ModelRef"/>, a model id, or via <see cref="ModelRef.Parse"/> a clarifai.com URL).</param>
    /// <param name="lifetime">The registration's lifetime; default singleton.</param>
    /// <returns>The builder, for the pipeline around the client.</returns>
    /// <exception cref="ArgumentException">The model reference is invalid.</exception>
    public static ChatClientBuilder AddClarifaiChatClient(this IServiceCollection services, ModelRef model, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        return services.AddChatClient(provider => provider.GetRequiredService<ClarifaiClient>().AsIChatClient(model), lifetime);
    }

    /// <summary>Registers a keyed <see cref="IChatClient"/> over <paramref name="model"/>, for applications that use several models.</summary>
    /// <param name="services">The services, with <c>AddClarifai</c> called.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="model">The model.</param>
    /// <param name="lifetime">The registration's lifetime; default singleton.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder AddKeyedClarifaiChatClient(this IServiceCollection services, object? serviceKey, ModelRef model, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        return services.AddKeyedChatClient(serviceKey, provider => provider.GetRequiredService<ClarifaiClient>().AsIChatClient(model), lifetime);
    }

    /// <summary>Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of texts over <paramref name="model"/>.</summary>
    /// <param name="services">The services, with <c>AddClarifai</c> called.</param>
    /// <param name="model">The embedding model.</param>
    /// <param name="lifetime">The registration's lifetime; default singleton.</param>
    /// <returns>The builder, for the pipeline around the generator.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddClarifaiEmbeddingGenerator(this IServiceCollection services, ModelRef model, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        return services.AddEmbeddingGenerator(provider => provider.GetRequiredService<ClarifaiClient>().AsIEmbeddingGenerator(model), lifetime);
    }
}
