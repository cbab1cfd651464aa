using System.Text.Json.Nodes;

namespace Clarifai.Grpc.Emulator;

/// <summary>A chat turn as the local chat model reads it, from the standard LLM signature's arguments or an OpenAI request.</summary>
internal sealed record ChatRequest(IReadOnlyList<JsonObject> Messages, JsonArray? Tools, JsonNode? ToolChoice, JsonNode? ResponseFormat, long MaxTokens)
{
    /// <summary>The text of a message's content: a string, or its text parts joined.</summary>
    public static string TextOf(JsonObject message) => message["content"] switch
    {
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Where(p => (string?)p["type"] == "text").Select(p => (string?)p["text"] ?? string.Empty)),
        _ => string.Empty,
    };

    public static string RoleOf(JsonObject message) => message["role"] is JsonValue role && role.GetValueKind() == System.Text.Json.JsonValueKind.String ? role.GetValue<string>() : string.Empty;
}
