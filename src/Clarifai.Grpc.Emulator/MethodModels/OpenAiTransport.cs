using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The OpenAI transport of <see cref="ChatModel"/>, as clarifai-python's <c>OpenAIModelClass</c> serves it: the message is
/// a whole OpenAI request as JSON (<c>openai_endpoint</c> picks <c>/chat/completions</c>, the default, or
/// <c>/embeddings</c>), the answer OpenAI's JSON — one <c>chat.completion.chunk</c> per message when streaming, usage
/// in the last (the runtime always asks for it). A failure is answered, as there, as a successful string
/// <c>{"code": 21313, "description": "Model prediction failed", "details": …}</c>.
/// </summary>
internal static class OpenAiTransport
{
    private const long Created = 1_767_225_600; // 2026-01-01: fixed, so answers are deterministic

    public static string Answer(string message, string modelId)
    {
        try
        {
            var request = Parse(message, out var endpoint);
            if (endpoint == "/embeddings") return Embeddings(request, modelId).ToJsonString();
            if (endpoint != "/chat/completions") throw new InvalidOperationException($"Unsupported endpoint: {endpoint}");
            var reply = ChatRules.Answer(ChatOf(request));
            var assistant = new JsonObject { ["role"] = "assistant", ["content"] = reply.ToolCalls.Count > 0 ? null : reply.Text };
            if (reply.ToolCalls.Count > 0) assistant["tool_calls"] = ToolCalls(reply, withIndex: false);
            return new JsonObject
            {
                ["id"] = "chatcmpl-local",
                ["object"] = "chat.completion",
                ["created"] = Created,
                ["model"] = modelId,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = assistant, ["finish_reason"] = reply.FinishReason }),
                ["usage"] = Usage(reply),
            }.ToJsonString();
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException or FormatException)
        {
            return Error(failure.Message);
        }
    }

    public static IEnumerable<string> Chunks(string message, string modelId)
    {
        JsonObject request;
        ChatReply reply;
        try
        {
            request = Parse(message, out var endpoint);
            if (endpoint != "/chat/completions") throw new InvalidOperationException("Streaming is only supported for chat completions and responses.");
            reply = ChatRules.Answer(ChatOf(request));
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException or FormatException)
        {
            return [Error(failure.Message)];
        }

        var chunks = new List<string>();
        if (reply.ToolCalls.Count > 0)
        {
            chunks.Add(Chunk(modelId, new JsonObject { ["role"] = "assistant", ["tool_calls"] = ToolCalls(reply, withIndex: true) }, finish: null));
        }
        else
        {
            var words = ChatRules.Words(reply.Text);
            for (var i = 0; i < words.Length; i++)
            {
                var delta = new JsonObject { ["content"] = i == 0 ? words[i] : " " + words[i] };
                if (i == 0) delta["role"] = "assistant";
                chunks.Add(Chunk(modelId, delta, finish: null));
            }
        }

        chunks.Add(Chunk(modelId, new JsonObject(), reply.FinishReason));
        var usage = new JsonObject { ["id"] = "chatcmpl-local", ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = modelId, ["choices"] = new JsonArray(), ["usage"] = Usage(reply) };
        chunks.Add(usage.ToJsonString());
        return chunks;
    }

    private static JsonObject Parse(string message, out string endpoint)
    {
        var request = JsonNode.Parse(message) as JsonObject ?? throw new InvalidOperationException("The request is not a JSON object.");
        endpoint = (string?)request["openai_endpoint"] ?? "/chat/completions";
        return request;
    }

    private static ChatRequest ChatOf(JsonObject request)
    {
        var messages = request["messages"] as JsonArray ?? throw new InvalidOperationException("messages is required.");
        var max = request["max_completion_tokens"] ?? request["max_tokens"];
        return new ChatRequest(
            [.. messages.Select(m => m as JsonObject ?? throw new InvalidOperationException("Each message is a JSON object."))],
            request["tools"] as JsonArray,
            request["tool_choice"],
            request["response_format"],
            max is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<long>() : 0);
    }

    private static JsonObject Embeddings(JsonObject request, string modelId)
    {
        var inputs = request["input"] switch
        {
            JsonArray array => array.Select(i => (string?)i ?? string.Empty).ToList(),
            JsonValue one => [(string?)one ?? string.Empty],
            _ => throw new InvalidOperationException("input is required."),
        };
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray([.. TextFeatures.Extract(inputs[i]).Select(v => (JsonNode)JsonValue.Create(v))]) });
        }

        var tokens = inputs.Sum(i => TextFeatures.Words(i).Count);
        return new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = modelId, ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens } };
    }

    private static JsonArray ToolCalls(ChatReply reply, bool withIndex) =>
        new([.. reply.ToolCalls.Select((c, i) =>
        {
            var call = new JsonObject { ["id"] = c.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson } };
            if (withIndex) call["index"] = i;
            return (JsonNode)call;
        })]);

    private static string Chunk(string modelId, JsonObject delta, string? finish) =>
        new JsonObject
        {
            ["id"] = "chatcmpl-local",
            ["object"] = "chat.completion.chunk",
            ["created"] = Created,
            ["model"] = modelId,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString();

    private static JsonObject Usage(ChatReply reply) =>
        new() { ["prompt_tokens"] = reply.PromptTokens, ["completion_tokens"] = reply.CompletionTokens, ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens };

    private static string Error(string details) =>
        new JsonObject { ["code"] = 21313, ["description"] = "Model prediction failed", ["details"] = details }.ToJsonString();
}
