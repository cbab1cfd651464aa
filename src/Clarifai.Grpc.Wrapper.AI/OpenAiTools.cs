using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>Tools, tool choice and response format as OpenAI's chat request writes them.</summary>
internal static class OpenAiTools
{
    /// <summary>The function tools, or <see langword="null"/> when there are none.</summary>
    /// <exception cref="NotSupportedException">A tool is not a function (a hosted tool).</exception>
    public static JsonArray? ToolsOf(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools) return null;
        var result = new JsonArray();
        foreach (var tool in tools)
        {
            if (tool is not AIFunctionDeclaration function) throw new NotSupportedException($"The tool '{tool.Name}' is a {tool.GetType().Name}; Clarifai chat models take function tools.");
            var definition = new JsonObject { ["name"] = function.Name, ["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText()) };
            if (!string.IsNullOrEmpty(function.Description)) definition["description"] = function.Description;
            result.Add((JsonNode)new JsonObject { ["type"] = "function", ["function"] = definition });
        }

        return result;
    }

    /// <summary>The tool choice: <c>auto</c>, <c>none</c>, <c>required</c>, or an object naming one function; <see langword="null"/> when not set.</summary>
    public static JsonNode? ChoiceOf(ChatOptions? options) => options?.ToolMode switch
    {
        null => null,
        NoneChatToolMode => "none",
        RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } },
        RequiredChatToolMode => "required",
        _ => "auto",
    };

    /// <summary>The response format, or <see langword="null"/> for text.</summary>
    public static JsonObject? ResponseFormatOf(ChatOptions? options) => options?.ResponseFormat switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject
            {
                ["name"] = string.IsNullOrEmpty(json.SchemaName) ? "response" : json.SchemaName,
                ["description"] = json.SchemaDescription,
                ["schema"] = JsonNode.Parse(schema.GetRawText()),
            },
        },
        ChatResponseFormatJson => new JsonObject { ["type"] = "json_object" },
        _ => null,
    };
}
