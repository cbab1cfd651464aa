using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper.Methods;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// A conversation as the arguments of the standard LLM signature (clarifai-python's vLLM template: <c>prompt</c>,
/// <c>chat_history</c>, <c>tools</c>, <c>tool_choice</c>, <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>): the last
/// message, when it is a user's text, is the prompt, and every earlier message (instructions first) the history, in
/// OpenAI's format; otherwise (images, tool results) the whole conversation is the history and the prompt is empty.
/// Each option goes to the parameter of its name when the signature declares it; tools, a response format or an
/// additional property the signature cannot take are refused, never dropped.
/// </summary>
internal static class LlmSignatureArguments
{
    /// <exception cref="NotSupportedException">The options ask for what the model's signature cannot take (the message says which).</exception>
    public static MethodArguments From(ModelMethod method, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ModelRef model)
    {
        var arguments = new MethodArguments();
        var history = OpenAiMessages.From(messages, options?.Instructions);
        var last = history.Count > 0 ? history[^1] as JsonObject : null;
        if (last is not null && (string?)last["role"] == "user" && last["content"] is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            history.RemoveAt(history.Count - 1);
            arguments["prompt"] = text.GetValue<string>();
        }
        else
        {
            arguments["prompt"] = string.Empty;
        }

        if (history.Count > 0) Set(method, arguments, "chat_history", history, model, "a conversation history");

        if (OpenAiTools.ToolsOf(options) is { } tools)
        {
            // A tool choice naming one function: only that tool is offered, and a call is required (the parameter is a string).
            if (options!.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
            {
                tools = new JsonArray([.. tools.Where(t => (string?)t!["function"]!["name"] == name).Select(t => t!.DeepClone())]);
            }

            Set(method, arguments, "tools", tools, model, "tools");
            if (OpenAiTools.ChoiceOf(options) is { } choice && method.FindParameter("tool_choice") is not null) arguments["tool_choice"] = choice is JsonObject ? "required" : (string?)choice;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson) throw Refused(method, model, "a response format (ChatOptions.ResponseFormat)");
        SetIfDeclared(method, arguments, "max_tokens", options?.MaxOutputTokens);
        SetIfDeclared(method, arguments, "temperature", options?.Temperature);
        SetIfDeclared(method, arguments, "top_p", options?.TopP);
        SetIfDeclared(method, arguments, "top_k", options?.TopK);
        SetIfDeclared(method, arguments, "frequency_penalty", options?.FrequencyPenalty);
        SetIfDeclared(method, arguments, "presence_penalty", options?.PresencePenalty);
        SetIfDeclared(method, arguments, "seed", options?.Seed);
        if (options?.StopSequences is { Count: > 0 } stops) SetIfDeclared(method, arguments, "stop", stops.ToList());
        foreach (var (key, value) in options?.AdditionalProperties ?? [])
        {
            if (method.FindParameter(key) is null) throw Refused(method, model, $"the additional property '{key}'");
            arguments[key] = value;
        }

        return arguments;
    }

    private static void Set(ModelMethod method, MethodArguments arguments, string name, object value, ModelRef model, string what)
    {
        if (method.FindParameter(name) is null) throw Refused(method, model, what);
        arguments[name] = value;
    }

    /// <summary>An option the model's signature does not declare is not sent: the model's own behaviour applies, as with any provider that lacks that setting.</summary>
    private static void SetIfDeclared(ModelMethod method, MethodArguments arguments, string name, object? value)
    {
        if (value is not null && method.FindParameter(name) is not null) arguments[name] = value;
    }

    private static NotSupportedException Refused(ModelMethod method, ModelRef model, string what) =>
        new($"Model {model} cannot take {what}: its method '{method.Name}' has no such parameter ({method}).");
}
