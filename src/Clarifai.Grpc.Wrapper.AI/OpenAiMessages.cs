using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// A Microsoft.Extensions.AI conversation as OpenAI chat messages — what current Clarifai chat models take (the OpenAI
/// transport's <c>messages</c>, the standard LLM signature's <c>chat_history</c>): system and developer messages, text,
/// images, audio (wav, mp3) and other files (PDFs, documents) as content parts, tool calls on assistant messages (<see cref="FunctionCallContent"/>) and tool results as
/// <c>tool</c> messages (<see cref="FunctionResultContent"/>). Every message has a known role and a <c>content</c> key:
/// Clarifai's runtime drops the whole history when one message lacks either. JSON is built without reflection over
/// unknown types (<see cref="AIJsonUtilities.DefaultOptions"/> for arguments and results).
/// </summary>
internal static class OpenAiMessages
{
    /// <exception cref="NotSupportedException">A message has a role or a content kind OpenAI's format cannot carry (the message says which).</exception>
    public static JsonArray From(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var result = new JsonArray();
        if (!string.IsNullOrEmpty(instructions)) result.Add((JsonNode)new JsonObject { ["role"] = "system", ["content"] = instructions });
        foreach (var message in messages)
        {
            var role = message.Role.Value;
            if (role is not ("system" or "user" or "assistant" or "tool" or "developer")) throw new NotSupportedException($"A message with role '{role}' cannot be sent to a Clarifai chat model (system, developer, user, assistant, tool).");

            var parts = new JsonArray();
            var calls = new JsonArray();
            var hasMedia = false;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        if (text.Text.Length > 0) parts.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text.Text });
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        parts.Add((JsonNode)new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = data.Uri } });
                        hasMedia = true;
                        break;
                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        parts.Add((JsonNode)new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = uri.Uri.AbsoluteUri } });
                        hasMedia = true;
                        break;
                    case DataContent data when data.HasTopLevelMediaType("audio") && AudioFormat(data.MediaType) is { } format:
                        parts.Add((JsonNode)new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = data.Base64Data.ToString(), ["format"] = format } });
                        hasMedia = true;
                        break;
                    case DataContent document:
                        // Any other file (a PDF, a document) as OpenAI's file part; the model says whether it can read it.
                        parts.Add((JsonNode)new JsonObject { ["type"] = "file", ["file"] = new JsonObject { ["filename"] = document.Name ?? "file", ["file_data"] = document.Uri } });
                        hasMedia = true;
                        break;
                    case FunctionCallContent call:
                        calls.Add((JsonNode)new JsonObject
                        {
                            ["id"] = call.CallId,
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = ArgumentsJson(call.Arguments) },
                        });
                        break;
                    case FunctionResultContent toolResult:
                        result.Add((JsonNode)new JsonObject { ["role"] = "tool", ["tool_call_id"] = toolResult.CallId, ["content"] = ResultText(toolResult.Result) });
                        break;
                    case TextReasoningContent or UsageContent:
                        break; // not part of what a model is sent back
                    default:
                        throw new NotSupportedException($"A {content.GetType().Name} cannot be sent to a Clarifai chat model; text, images, audio, files, tool calls and tool results can.");
                }
            }

            if (parts.Count == 0 && calls.Count == 0) continue; // a message of tool results only, added above
            var entry = new JsonObject { ["role"] = role };
            // Text alone as a string (what every chat template reads); with images, the parts.
            entry["content"] = parts.Count == 0 ? null : hasMedia ? parts : string.Join("\n", parts.Select(p => (string?)p!["text"]));
            if (calls.Count > 0) entry["tool_calls"] = calls;
            result.Add((JsonNode)entry);
        }

        return result;
    }

    /// <summary>OpenAI's <c>input_audio</c> format of a media type, or <see langword="null"/>.</summary>
    private static string? AudioFormat(string mediaType) => mediaType switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
        "audio/mpeg" or "audio/mp3" => "mp3",
        _ => null,
    };

    /// <summary>Tool-call arguments as the JSON text OpenAI's format carries.</summary>
    public static string ArgumentsJson(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AdapterJson.Options.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement element when element.ValueKind == JsonValueKind.String => element.GetString() ?? string.Empty,
        _ => JsonSerializer.Serialize(result, AdapterJson.Options.GetTypeInfo(typeof(object))),
    };
}
