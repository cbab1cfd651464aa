using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// An <see cref="IChatClient"/> over a Clarifai LLM: <see cref="GetResponseAsync"/> predicts (PostModelOutputs),
/// <see cref="GetStreamingResponseAsync"/> generates (GenerateModelOutputs, chunk by chunk). The conversation is sent as
/// described by <see cref="ClarifaiChatClientExtensions.AsIChatClient"/>; token counts are reported as
/// <see cref="UsageDetails"/> when the model reports them. Thread-safe; it does not own the <see cref="ClarifaiClient"/>.
/// </summary>
public sealed class ClarifaiChatClient : IChatClient
{
    private readonly ClarifaiClient _client;
    private readonly ModelRef _model;

    /// <summary>Creates a chat client over <paramref name="model"/>.</summary>
    /// <param name="client">The Clarifai client whose connection, key, retries and telemetry the calls use.</param>
    /// <param name="model">The default model; <see cref="ChatOptions.ModelId"/> may name another (a model id or a clarifai.com model URL).</param>
    /// <exception cref="ArgumentException">The model reference is invalid.</exception>
    public ClarifaiChatClient(ClarifaiClient client, ModelRef model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        _client = client;
        _model = model;
        Metadata = new ChatClientMetadata("clarifai", client.Options.Endpoint, model.ToString());
    }

    /// <summary>The provider (<c>clarifai</c>), the endpoint and the default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (input, prediction) = ChatPrompt.From(messages, options);
        var model = ModelOf(options);
        var answer = await _client.Predictions.PredictAsync(model, input, prediction, callSettings: null, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text) { MessageId = answer.Proto.Id, RawRepresentation = answer })
        {
            ResponseId = answer.Proto.Id,
            ModelId = model.ToString(),
            CreatedAt = answer.Proto.CreatedAt?.ToDateTimeOffset(),
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(answer.PromptTokens, answer.CompletionTokens),
            RawRepresentation = answer,
        };
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked now, so that bad input fails at the call rather than at the first MoveNextAsync.
        var (input, prediction) = ChatPrompt.From(messages, options);
        var model = ModelOf(options);
        return StreamAsync(_client.Predictions.GenerateOutputsAsync(model, input, prediction, callSettings: null, cancellationToken), model.ToString(), cancellationToken);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IAsyncEnumerable<Prediction> chunks, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var responseId = Guid.NewGuid().ToString("N");
        int promptTokens = 0, completionTokens = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            promptTokens = Math.Max(promptTokens, chunk.PromptTokens);
            completionTokens += chunk.CompletionTokens;
            if (chunk.Text.Length == 0) continue;
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = chunk.Proto.CreatedAt?.ToDateTimeOffset(),
                RawRepresentation = chunk,
            };
        }

        var final = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
        };
        if (Usage(promptTokens, completionTokens) is { } usage) final.Contents.Add(new UsageContent(usage));
        yield return final;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, this, Metadata, _model, _client);

    /// <summary>Nothing to release: the <see cref="ClarifaiClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }

    private ModelRef ModelOf(ChatOptions? options) => AdapterServices.ModelOf(options?.ModelId, _model, nameof(ChatOptions));

    private static UsageDetails? Usage(int promptTokens, int completionTokens) =>
        promptTokens == 0 && completionTokens == 0 ? null : new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = completionTokens, TotalTokenCount = promptTokens + completionTokens };
}
