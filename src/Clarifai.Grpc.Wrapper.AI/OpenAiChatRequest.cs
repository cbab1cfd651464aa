using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// The whole OpenAI chat request a model with Clarifai's OpenAI transport takes as its <c>msg</c> argument: messages,
/// tools and tool choice, response format, sampling options, and <see cref="ChatOptions.AdditionalProperties"/> of any
/// JSON shape as extra request fields.
/// </summary>
internal static class OpenAiChatRequest
{
    public static string Build(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var request = new JsonObject { ["model"] = model, ["messages"] = OpenAiMessages.From(messages, options?.Instructions) };
        if (OpenAiTools.ToolsOf(options) is { } tools) request["tools"] = tools;
        if (OpenAiTools.ChoiceOf(options) is { } choice && request.ContainsKey("tools")) request["tool_choice"] = choice;
        if (options?.AllowMultipleToolCalls is { } parallel && request.ContainsKey("tools")) request["parallel_tool_calls"] = parallel;
        if (OpenAiTools.ResponseFormatOf(options) is { } format) request["response_format"] = format;
        if (options?.MaxOutputTokens is { } max) request["max_completion_tokens"] = max;
        if (options?.Temperature is { } temperature) request["temperature"] = temperature;
        if (options?.TopP is { } topP) request["top_p"] = topP;
        if (options?.TopK is { } topK) request["top_k"] = topK;
        if (options?.FrequencyPenalty is { } frequency) request["frequency_penalty"] = frequency;
        if (options?.PresencePenalty is { } presence) request["presence_penalty"] = presence;
        if (options?.Seed is { } seed) request["seed"] = seed;
        if (options?.StopSequences is { Count: > 0 } stops) request["stop"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        AdapterJson.SetFields(request, options?.AdditionalProperties);

        if (stream)
        {
            request["stream"] = true;
            request["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return request.ToJsonString();
    }
}
