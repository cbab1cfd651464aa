using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clarifai.Api;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// <c>echo-chat</c> and <c>llm-chat</c>: chat models of the current kind, with the methods Clarifai's hosted LLMs have — the standard LLM
/// signature (<c>predict</c> and <c>generate</c>: <c>prompt</c>, <c>chat_history</c>, <c>tools</c>, <c>tool_choice</c>,
/// <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>), the OpenAI transport pair (<c>openai_transport</c>,
/// <c>openai_stream_transport</c>: a whole OpenAI request as JSON, chat completions and embeddings), and a
/// bidirectional <c>stream</c>. It answers by <see cref="ChatRules"/>: deterministic, from what it received.
/// </summary>
internal sealed class ChatModel : SignatureModel
{
    private static readonly IReadOnlyList<MethodSignature> AllMethods =
    [
        SignatureFields.Method("predict", RunnerMethodType.UnaryUnary, "Return a single completion.", SignatureFields.Returns(DataType.Str), LlmInputs()),
        SignatureFields.Method("generate", RunnerMethodType.UnaryStreaming, "Stream a completion, one word per message.", SignatureFields.Returns(DataType.Str, streamed: true), LlmInputs()),
        SignatureFields.Method("openai_transport", RunnerMethodType.UnaryUnary, "Process an OpenAI-compatible request.", SignatureFields.Returns(DataType.Str), SignatureFields.Required("msg", DataType.Str)),
        SignatureFields.Method("openai_stream_transport", RunnerMethodType.UnaryStreaming, "Process an OpenAI-compatible request and stream its chunks.", SignatureFields.Returns(DataType.Str, streamed: true), SignatureFields.Required("msg", DataType.Str)),
        SignatureFields.Method("stream", RunnerMethodType.StreamingStreaming, "Answer each streamed text as it comes.", SignatureFields.Returns(DataType.Str, streamed: true), SignatureFields.Streamed("input_stream", DataType.Str), SignatureFields.Optional("prefix", DataType.Str, "Echo:")),
    ];

    private readonly IReadOnlyList<MethodSignature> _methods;

    /// <param name="id">The model's id.</param>
    /// <param name="openAiTransport">Whether it serves the OpenAI transport pair (<c>echo-chat</c>), or only the standard LLM signature and <c>stream</c> (<c>llm-chat</c>), as a vLLM-template model does.</param>
    public ChatModel(string id, bool openAiTransport)
    {
        Id = id;
        _methods = openAiTransport ? AllMethods : [.. AllMethods.Where(m => !m.Name.StartsWith("openai_", StringComparison.Ordinal))];
    }

    public override string Id { get; }

    /// <summary>The standard LLM signature of clarifai-python's vLLM template.</summary>
    private static ModelTypeField[] LlmInputs() =>
    [
        SignatureFields.Optional("prompt", DataType.Str, string.Empty),
        SignatureFields.Optional("chat_history", DataType.List, "null", typeArgs: [SignatureFields.Item("chat_history", DataType.JsonData)]),
        SignatureFields.Optional("tools", DataType.List, "null", typeArgs: [SignatureFields.Item("tools", DataType.JsonData)]),
        SignatureFields.Optional("tool_choice", DataType.Str, "null"),
        SignatureFields.Optional("max_tokens", DataType.Int, "512", isParam: true),
        SignatureFields.Optional("temperature", DataType.Float, "0.7", isParam: true),
        SignatureFields.Optional("top_p", DataType.Float, "0.95", isParam: true),
    ];

    public override string ModelTypeId => "multimodal-to-text";

    public override string Description => _methods.Count == AllMethods.Count
        ? "Local server: a chat model of the current kind (method signatures, OpenAI transport) answering by documented rules."
        : "Local server: a chat model of the current kind with the standard LLM signature only, answering by documented rules.";

    public override IReadOnlyList<MethodSignature> Signatures => _methods;

    public override Task<MethodOutput> InvokeAsync(string method, IReadOnlyDictionary<string, object?> arguments, MethodContext context) => method switch
    {
        "predict" => Task.FromResult(Predict(arguments)),
        "openai_transport" when _methods.Count == AllMethods.Count => Task.FromResult(new MethodOutput(OpenAiTransport.Answer(Argument<string>(method, arguments, "msg"), Id))),
        _ => base.InvokeAsync(method, arguments, context),
    };

    public override IAsyncEnumerable<MethodOutput> InvokeGenerateAsync(string method, IReadOnlyDictionary<string, object?> arguments, MethodContext context) => method switch
    {
        "generate" => GenerateAsync(arguments, context.CancellationToken),
        "openai_stream_transport" when _methods.Count == AllMethods.Count => OpenAiStreamAsync(Argument<string>(method, arguments, "msg"), context.CancellationToken),
        _ => base.InvokeGenerateAsync(method, arguments, context),
    };

    public override IAsyncEnumerable<MethodOutput> InvokeStreamAsync(string method, IReadOnlyDictionary<string, object?> arguments, IAsyncEnumerable<object?> items, MethodContext context) =>
        method == "stream" ? EchoEachAsync(Argument<string>(method, arguments, "prefix"), items, context.CancellationToken) : base.InvokeStreamAsync(method, arguments, items, context);

    private MethodOutput Predict(IReadOnlyDictionary<string, object?> arguments)
    {
        var reply = ChatRules.Answer(RequestOf("predict", arguments));
        return new MethodOutput(reply.ToolCalls.Count > 0 ? ToolCallsJson(reply) : reply.Text, reply.PromptTokens, reply.CompletionTokens);
    }

    private async IAsyncEnumerable<MethodOutput> GenerateAsync(IReadOnlyDictionary<string, object?> arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = ChatRules.Answer(RequestOf("generate", arguments));
        if (reply.ToolCalls.Count > 0)
        {
            yield return new MethodOutput(ToolCallsJson(reply), reply.PromptTokens, reply.CompletionTokens);
            yield break;
        }

        var words = ChatRules.Words(reply.Text);
        for (var i = 0; i < words.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new MethodOutput(i == 0 ? words[i] : " " + words[i], reply.PromptTokens, 1);
        }
    }

    private async IAsyncEnumerable<MethodOutput> OpenAiStreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in OpenAiTransport.Chunks(message, Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new MethodOutput(chunk);
        }
    }

    private static async IAsyncEnumerable<MethodOutput> EchoEachAsync(string prefix, IAsyncEnumerable<object?> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new MethodOutput($"{prefix} {item}", CompletionTokens: (uint)ChatRules.Words($"{prefix} {item}").Length);
        }
    }

    /// <summary>The turn of the standard LLM signature: the history (dropped whole when one message is invalid, as the runtime does) and the prompt.</summary>
    private ChatRequest RequestOf(string method, IReadOnlyDictionary<string, object?> arguments)
    {
        var messages = new List<JsonObject>();
        if (Argument<List<object?>>(method, arguments, "chat_history") is { } history && IsOpenAiChatFormat(history))
        {
            messages.AddRange(history.Cast<JsonObject>().Select(m => (JsonObject)m.DeepClone()));
        }

        var prompt = Argument<string>(method, arguments, "prompt") ?? string.Empty;
        if (prompt.Trim().Length > 0) messages.Add(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = prompt }) });
        var tools = Argument<List<object?>>(method, arguments, "tools") is { } list ? new JsonArray([.. list.Select(t => (t as JsonNode)?.DeepClone())]) : null;
        var choice = Argument<string>(method, arguments, "tool_choice") is { } c ? JsonValue.Create(c) : null;
        return new ChatRequest(messages, tools, choice, ResponseFormat: null, Argument<long>(method, arguments, "max_tokens"));
    }

    /// <summary>clarifai-python's <c>is_openai_chat_format</c>: every message a JSON object with a known role and a <c>content</c> key.</summary>
    private static bool IsOpenAiChatFormat(List<object?> messages) =>
        messages.TrueForAll(m => m is JsonObject message && message.ContainsKey("content")
            && ChatRequest.RoleOf(message) is "system" or "user" or "assistant" or "function" or "developer" or "tool"
            && (message["content"] is not JsonArray parts || parts.All(p => p is JsonObject)));

    /// <summary>As the vLLM template answers tool calls: the JSON of the tool-call list, as the string result.</summary>
    private static string ToolCallsJson(ChatReply reply) =>
        new JsonArray([.. reply.ToolCalls.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
        })]).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
