using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of texts over a Clarifai embedding model
/// (PostModelOutputs, up to 128 texts per request, requests in order). Thread-safe; it does not own the
/// <see cref="ClarifaiClient"/>.
/// </summary>
public sealed class ClarifaiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ClarifaiClient _client;
    private readonly ModelRef _model;

    /// <summary>Creates an embedding generator over <paramref name="model"/>.</summary>
    /// <param name="client">The Clarifai client whose connection, key, retries and telemetry the calls use.</param>
    /// <param name="model">The embedding model; <see cref="EmbeddingGenerationOptions.ModelId"/> may name another.</param>
    /// <exception cref="ArgumentException">The model reference is invalid.</exception>
    public ClarifaiEmbeddingGenerator(ClarifaiClient client, ModelRef model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        _client = client;
        _model = model;
        Metadata = new EmbeddingGeneratorMetadata("clarifai", client.Options.Endpoint, model.ToString());
    }

    /// <summary>The provider (<c>clarifai</c>), the endpoint and the default model.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A value is null or empty, or the model id in the options is invalid.</exception>
    /// <exception cref="NotSupportedException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is set: Clarifai models have fixed dimensions.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, an output failed, or an output has no embedding.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        if (texts.Any(string.IsNullOrEmpty)) throw new ArgumentException("Every value must be a non-empty text.", nameof(values));
        if (options?.Dimensions is not null) throw new NotSupportedException("Clarifai embedding models have fixed dimensions; leave EmbeddingGenerationOptions.Dimensions unset.");
        var model = AdapterServices.ModelOf(options?.ModelId, _model, nameof(EmbeddingGenerationOptions));

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        long promptTokens = 0;
        foreach (var chunk in texts.Chunk(PredictionService.MaxInputsPerRequest))
        {
            var predictions = await _client.Predictions.PredictManyAsync(model, chunk.Select(ModelInput.FromText), options: null, callSettings: null, cancellationToken).ConfigureAwait(false);
            foreach (var prediction in predictions)
            {
                if (!prediction.IsSuccess) throw ClarifaiException.FromStatus(prediction.Status, "PostModelOutputs"); // typed, as PredictAsync's
                if (prediction.Embeddings.IsEmpty)
                {
                    throw new ClarifaiException(prediction.Status with { Details = $"The model {model} returned no embedding; is it an embedding model?" }, "PostModelOutputs");
                }

                promptTokens += prediction.PromptTokens;
                result.Add(new Embedding<float>(prediction.Embeddings[0]) { ModelId = model.ToString(), CreatedAt = prediction.Proto.CreatedAt?.ToDateTimeOffset() });
            }
        }

        if (promptTokens > 0) result.Usage = new UsageDetails { InputTokenCount = promptTokens, TotalTokenCount = promptTokens };
        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, this, Metadata, _model, _client);

    /// <summary>Nothing to release: the <see cref="ClarifaiClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }
}
