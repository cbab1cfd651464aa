using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// Tool calls as a model of the standard LLM signature answers them: its string result is the JSON of OpenAI's
/// tool-call list (clarifai-python's vLLM template: <c>json.dumps([tc.to_dict() for tc in tool_calls])</c>).
/// </summary>
internal static class ToolCallsText
{
    /// <summary>The calls in <paramref name="text"/>, or <see langword="null"/> when it is not such a list.</summary>
    public static IReadOnlyList<FunctionCallContent>? Parse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '[') return null;
        try
        {
            if (JsonNode.Parse(text) is not JsonArray { Count: > 0 } list) return null;
            if (!list.All(c => c is JsonObject call && call["function"] is JsonObject function && function["name"] is JsonValue)) return null;
            return [.. list.Cast<JsonObject>().Select(OpenAiChatAnswers.FunctionCall)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
