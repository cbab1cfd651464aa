using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper.Methods;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of texts over a Clarifai embedding model, reached as it is
/// served (its methods are read once and cached): a model with the OpenAI transport gets OpenAI's <c>/embeddings</c>
/// request (all texts, and <see cref="EmbeddingGenerationOptions.Dimensions"/>); a model of the older kind, or of the
/// current kind with a unary <c>predict</c> taking a string, is predicted on (PostModelOutputs, up to 128 texts per
/// request, requests in order). Thread-safe; it does not own the <see cref="ClarifaiClient"/>.
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
    /// <exception cref="NotSupportedException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is set for a model without the OpenAI transport (its dimensions are fixed), or the model has no method that embeds a text.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, an output failed, or an output has no embedding.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        if (texts.Any(string.IsNullOrEmpty)) throw new ArgumentException("Every value must be a non-empty text.", nameof(values));
        var model = AdapterServices.ModelOf(options?.ModelId, _model, nameof(EmbeddingGenerationOptions));
        var methods = await _client.Methods.GetAsync(model, callSettings: null, cancellationToken).ConfigureAwait(false);
        if (methods.Find(ChatRoute.OpenAiTransport) is { Kind: ModelMethodKind.Unary } transport)
        {
            return await OpenAiEmbeddingsAsync(model, transport, texts, options, cancellationToken).ConfigureAwait(false);
        }

        if (options?.Dimensions is not null) throw new NotSupportedException($"Model {model} has fixed dimensions (it has no OpenAI transport); leave EmbeddingGenerationOptions.Dimensions unset.");
        if (!methods.IsOlderKind)
        {
            var predict = methods.Find("predict") is { Kind: ModelMethodKind.Unary } p && p.Parameters.FirstOrDefault() is { Type: MethodValueType.Str or MethodValueType.Text } ? p
                : throw new NotSupportedException($"Model {model} has no method that embeds a text (neither the OpenAI transport nor predict taking a string; its methods: {string.Join(", ", methods.Select(m => m.Name))}).");
            return await MethodEmbeddingsAsync(model, predict, texts, cancellationToken).ConfigureAwait(false);
        }

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

    private async Task<GeneratedEmbeddings<Embedding<float>>> OpenAiEmbeddingsAsync(ModelRef model, ModelMethod transport, List<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["openai_endpoint"] = "/embeddings", ["model"] = model.ModelId, ["input"] = new JsonArray([.. texts.Select(t => (JsonNode?)t)]) };
        if (options?.Dimensions is { } dimensions) request["dimensions"] = dimensions;
        AdapterJson.SetFields(request, options?.AdditionalProperties);

        var answer = await _client.Methods.CallAsync(model, transport.Name, new MethodArguments { [transport.Parameters[0].Name] = request.ToJsonString() }, callSettings: null, cancellationToken).ConfigureAwait(false);
        var json = OpenAiChatAnswers.ParseAnswer(answer.As<string>() ?? string.Empty);
        var data = (json["data"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(d => (int?)d["index"] ?? 0).ToList();
        if (data.Count != texts.Count)
        {
            throw new ClarifaiException(new ClarifaiStatus(Clarifai.Api.Status.StatusCode.Failure, "The model's embeddings do not match the texts.", $"{texts.Count} texts were sent but {data.Count} embeddings came back.", string.Empty), "PostModelOutputs");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(data.Count);
        foreach (var item in data)
        {
            var vector = (item["embedding"] as JsonArray ?? []).Select(v => (float)(double)v!).ToArray();
            result.Add(new Embedding<float>(vector) { ModelId = model.ToString() });
        }

        result.Usage = OpenAiChatAnswers.UsageOf(json["usage"] as JsonObject);
        return result;
    }

    /// <summary>A current model's <c>predict(text) -&gt; vector</c>: one input per text, the result an array of numbers.</summary>
    private async Task<GeneratedEmbeddings<Embedding<float>>> MethodEmbeddingsAsync(ModelRef model, ModelMethod predict, List<string> texts, CancellationToken cancellationToken)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var chunk in texts.Chunk(PredictionService.MaxInputsPerRequest))
        {
            var answers = await _client.Methods.CallManyAsync(model, predict.Name, chunk.Select(t => new MethodArguments { [predict.Parameters[0].Name] = t }), callSettings: null, cancellationToken).ConfigureAwait(false);
            foreach (var answer in answers)
            {
                if (!answer.IsSuccess) throw ClarifaiException.FromStatus(answer.Status, "PostModelOutputs");
                var vector = answer.Value switch
                {
                    Clarifai.Api.NDArray => answer.As<float[]>(),
                    System.Collections.Immutable.ImmutableArray<object?> numbers => [.. numbers.Select(n => Convert.ToSingle(n, System.Globalization.CultureInfo.InvariantCulture))],
                    _ => throw new ClarifaiException(answer.Status with { Details = $"The model {model} returned no vector ({answer.Value?.GetType().Name ?? "nothing"}); is it an embedding model?" }, "PostModelOutputs"),
                };
                result.Add(new Embedding<float>(vector) { ModelId = model.ToString() });
            }
        }

        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, this, Metadata, _model, _client);

    /// <summary>Nothing to release: the <see cref="ClarifaiClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }
}
