using System.Runtime.CompilerServices;
using Clarifai.Grpc.Wrapper.Methods;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// An <see cref="IChatClient"/> over a Clarifai LLM, which reaches each model the way it is served (its methods are
/// read once and cached): a model with the OpenAI transport pair gets the whole OpenAI request — system and developer
/// messages, history, tools and tool choice, tool calls and results, response format with a JSON schema, every option
/// and additional property — and answers OpenAI's JSON (usage and finish reason included); a model with the standard
/// LLM signature gets its arguments (<c>prompt</c>, <c>chat_history</c>, <c>tools</c>, <c>tool_choice</c>,
/// <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>), and what it cannot take is refused with a message saying so;
/// a model of the older kind is sent the prompt as described by <see cref="ClarifaiChatClientExtensions.AsIChatClient"/>.
/// <see cref="GetResponseAsync"/> is one prediction, <see cref="GetStreamingResponseAsync"/> a generation, chunk by
/// chunk. Thread-safe; it does not own the <see cref="ClarifaiClient"/>.
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
        var conversation = Conversation(messages);
        var model = ModelOf(options);
        var route = ChatRoute.Of(await _client.Methods.GetAsync(model, callSettings: null, cancellationToken).ConfigureAwait(false), model);
        switch (route.Kind)
        {
            case ChatRouteKind.OpenAi:
            {
                var request = OpenAiChatRequest.Build(conversation, options, model.ModelId, stream: false);
                var result = await _client.Methods.CallAsync(model, route.Predict!.Name, new MethodArguments { ["msg"] = request }, callSettings: null, cancellationToken).ConfigureAwait(false);
                return OpenAiChatAnswers.Completion(result.As<string>() ?? string.Empty, model.ToString(), result);
            }

            case ChatRouteKind.LlmSignature:
            {
                var arguments = LlmSignatureArguments.From(route.Predict!, conversation, options, model);
                var result = await _client.Methods.CallAsync(model, route.Predict!.Name, arguments, callSettings: null, cancellationToken).ConfigureAwait(false);
                return Response(result.As<string>() ?? string.Empty, result.Proto, model, result);
            }

            default:
            {
                var (input, prediction) = ChatPrompt.From(conversation, options);
                var answer = await _client.Predictions.PredictAsync(model, input, prediction, callSettings: null, cancellationToken).ConfigureAwait(false);
                return Response(answer.Text, answer.Proto, model, answer);
            }
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked now, so that bad input fails at the call rather than at the first MoveNextAsync.
        var conversation = Conversation(messages);
        var model = ModelOf(options);
        return StreamingAsync(conversation, options, model, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamingAsync(List<ChatMessage> conversation, ChatOptions? options, ModelRef model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var route = ChatRoute.Of(await _client.Methods.GetAsync(model, callSettings: null, cancellationToken).ConfigureAwait(false), model);
        IAsyncEnumerable<ChatResponseUpdate> updates;
        switch (route.Kind)
        {
            case ChatRouteKind.OpenAi:
                var request = OpenAiChatRequest.Build(conversation, options, model.ModelId, stream: true);
                updates = OpenAiUpdatesAsync(_client.Methods.GenerateAsync(model, route.Generate!.Name, new MethodArguments { ["msg"] = request }, callSettings: null, cancellationToken), model.ToString(), cancellationToken);
                break;
            case ChatRouteKind.LlmSignature when route.Generate is { } generate:
                var arguments = LlmSignatureArguments.From(generate, conversation, options, model);
                updates = TextUpdatesAsync(Chunks(_client.Methods.GenerateAsync(model, generate.Name, arguments, callSettings: null, cancellationToken), cancellationToken), model.ToString(), cancellationToken);
                break;
            case ChatRouteKind.LlmSignature:
                // No generate method: the whole answer as one update.
                updates = OneUpdateAsync(GetResponseAsync(conversation, options, cancellationToken));
                break;
            default:
                var (input, prediction) = ChatPrompt.From(conversation, options);
                updates = TextUpdatesAsync(Chunks(_client.Predictions.GenerateOutputsAsync(model, input, prediction, callSettings: null, cancellationToken), cancellationToken), model.ToString(), cancellationToken);
                break;
        }

        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return update;
    }

    private static List<ChatMessage> Conversation(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        if (list.Any(m => m is null)) throw new ArgumentException("The conversation contains a null message.", nameof(messages));
        if (list.TrueForAll(m => m.Role == ChatRole.System)) throw new ArgumentException("The conversation has no message to answer (only system messages, or none).", nameof(messages));
        return list;
    }

    /// <summary>A text answer (tool calls when it is the JSON of a tool-call list, as the standard LLM signature answers them).</summary>
    private static ChatResponse Response(string text, Clarifai.Api.Output output, ModelRef model, object raw)
    {
        var calls = ToolCallsText.Parse(text);
        var message = new ChatMessage(ChatRole.Assistant, calls is null ? [new TextContent(text)] : [.. calls]) { MessageId = output.Id, RawRepresentation = raw };
        return new ChatResponse(message)
        {
            ResponseId = output.Id,
            ModelId = model.ToString(),
            CreatedAt = output.CreatedAt?.ToDateTimeOffset(),
            FinishReason = calls is null ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
            Usage = Usage(output.PromptTokens, output.CompletionTokens),
            RawRepresentation = raw,
        };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> OneUpdateAsync(Task<ChatResponse> response)
    {
        foreach (var update in (await response.ConfigureAwait(false)).ToChatResponseUpdates()) yield return update;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> OpenAiUpdatesAsync(IAsyncEnumerable<MethodResult> chunks, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var calls = new ToolCallPieces();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (chunk.As<string>() is not { Length: > 0 } json) continue;
            yield return OpenAiChatAnswers.Chunk(json, modelId, calls, chunk);
        }

        if (calls.Complete() is { Count: > 0 } unfinished) yield return new ChatResponseUpdate(ChatRole.Assistant, [.. unfinished]) { ModelId = modelId, FinishReason = ChatFinishReason.ToolCalls };
    }

    /// <summary>Text chunks with their output and token counts, from either kind of model.</summary>
    private static async IAsyncEnumerable<(string Text, Clarifai.Api.Output Output, object Raw)> Chunks(IAsyncEnumerable<MethodResult> results, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in results.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return (result.As<string>() ?? string.Empty, result.Proto, result);
    }

    private static async IAsyncEnumerable<(string Text, Clarifai.Api.Output Output, object Raw)> Chunks(IAsyncEnumerable<Prediction> predictions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var prediction in predictions.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return (prediction.Text, prediction.Proto, prediction);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> TextUpdatesAsync(IAsyncEnumerable<(string Text, Clarifai.Api.Output Output, object Raw)> chunks, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var responseId = Guid.NewGuid().ToString("N");
        long promptTokens = 0, completionTokens = 0;
        var finish = ChatFinishReason.Stop;
        await foreach (var (text, output, raw) in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            promptTokens = Math.Max(promptTokens, output.PromptTokens);
            completionTokens += output.CompletionTokens;
            if (text.Length == 0) continue;
            var calls = ToolCallsText.Parse(text);
            if (calls is not null) finish = ChatFinishReason.ToolCalls;
            yield return new ChatResponseUpdate(ChatRole.Assistant, calls is null ? [new TextContent(text)] : [.. calls])
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = output.CreatedAt?.ToDateTimeOffset(),
                RawRepresentation = raw,
            };
        }

        var final = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = modelId,
            FinishReason = finish,
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

    private static UsageDetails? Usage(long promptTokens, long completionTokens) =>
        promptTokens == 0 && completionTokens == 0 ? null : new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = completionTokens, TotalTokenCount = promptTokens + completionTokens };
}
