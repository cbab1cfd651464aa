using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// OpenAI's answers, as Clarifai's OpenAI transport returns them (a completion, or one chunk per message), into
/// Microsoft.Extensions.AI's types; a failure the transport reports as a successful string (<c>{"code": 21313, …}</c>)
/// becomes the <see cref="ClarifaiModelFailedException"/> it is.
/// </summary>
internal static class OpenAiChatAnswers
{
    public static ChatResponse Completion(string json, string modelId, object raw)
    {
        var answer = Parse(json);
        var choice = answer["choices"] is JsonArray { Count: > 0 } choices ? choices[0] as JsonObject : null;
        var message = choice?["message"] as JsonObject ?? new JsonObject();
        var reply = new ChatMessage(ChatRole.Assistant, []) { MessageId = (string?)answer["id"], RawRepresentation = raw };
        if ((string?)message["content"] is { Length: > 0 } text) reply.Contents.Add(new TextContent(text));
        foreach (var call in (message["tool_calls"] as JsonArray ?? []).OfType<JsonObject>()) reply.Contents.Add(FunctionCall(call));
        return new ChatResponse(reply)
        {
            ResponseId = (string?)answer["id"],
            ModelId = (string?)answer["model"] ?? modelId,
            CreatedAt = answer["created"] is JsonValue created && created.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            FinishReason = FinishReasonOf((string?)choice?["finish_reason"]),
            Usage = UsageOf(answer["usage"] as JsonObject),
            RawRepresentation = raw,
        };
    }

    /// <summary>One streamed chunk: its text, tool-call pieces (gathered by <paramref name="calls"/>), finish reason and usage.</summary>
    public static ChatResponseUpdate Chunk(string json, string modelId, ToolCallPieces calls, object raw)
    {
        var chunk = Parse(json);
        var update = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = (string?)chunk["id"],
            MessageId = (string?)chunk["id"],
            ModelId = (string?)chunk["model"] ?? modelId,
            CreatedAt = chunk["created"] is JsonValue created && created.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            RawRepresentation = raw,
        };
        if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice)
        {
            if (choice["delta"] is JsonObject delta)
            {
                if ((string?)delta["content"] is { Length: > 0 } text) update.Contents.Add(new TextContent(text));
                foreach (var piece in (delta["tool_calls"] as JsonArray ?? []).OfType<JsonObject>()) calls.Add(piece);
            }

            if ((string?)choice["finish_reason"] is { } finish)
            {
                update.FinishReason = FinishReasonOf(finish);
                foreach (var call in calls.Complete()) update.Contents.Add(call);
            }
        }

        if (UsageOf(chunk["usage"] as JsonObject) is { } usage) update.Contents.Add(new UsageContent(usage));
        return update;
    }

    public static FunctionCallContent FunctionCall(JsonObject call) =>
        FunctionCall((string?)call["id"] ?? string.Empty, (string?)call["function"]?["name"] ?? string.Empty, (string?)call["function"]?["arguments"]);

    public static FunctionCallContent FunctionCall(string id, string name, string? arguments) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            id,
            name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AdapterJson.Options.GetTypeInfo(typeof(IDictionary<string, object?>))));

    public static ChatFinishReason? FinishReasonOf(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    public static UsageDetails? UsageOf(JsonObject? usage)
    {
        if (usage is null) return null;
        long? Read(string name) => usage[name] is JsonValue value && value.TryGetValue<long>(out var count) ? count : null;
        return new UsageDetails { InputTokenCount = Read("prompt_tokens"), OutputTokenCount = Read("completion_tokens"), TotalTokenCount = Read("total_tokens") };
    }

    /// <summary>The answer's JSON, or the model's failure when the transport answered one.</summary>
    public static JsonObject ParseAnswer(string json) => Parse(json);

    private static JsonObject Parse(string json)
    {
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException malformed)
        {
            throw new ClarifaiException(new ClarifaiStatus(Clarifai.Api.Status.StatusCode.Failure, "The model's OpenAI answer is not JSON.", malformed.Message, string.Empty), "PostModelOutputs", malformed);
        }

        if (answer is null) throw new ClarifaiException(new ClarifaiStatus(Clarifai.Api.Status.StatusCode.Failure, "The model's OpenAI answer is not a JSON object.", json.Length > 200 ? json[..200] : json, string.Empty), "PostModelOutputs");
        if (!answer.ContainsKey("choices") && answer["code"] is JsonValue code && code.TryGetValue<int>(out var number))
        {
            var status = new ClarifaiStatus((Clarifai.Api.Status.StatusCode)number, (string?)answer["description"] ?? "Model prediction failed", (string?)answer["details"] ?? string.Empty, string.Empty);
            throw new ClarifaiModelFailedException(status, "PostModelOutputs");
        }

        return answer;
    }
}
