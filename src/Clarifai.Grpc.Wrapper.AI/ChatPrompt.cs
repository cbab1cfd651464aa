using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// The one rule that turns a Microsoft.Extensions.AI conversation and its options into a prediction of a model of the
/// older kind (no method signatures; current models: <see cref="ChatRoute"/>): the last
/// message is the input (its text, and its images as parts of a multimodal input); system messages and
/// <see cref="ChatOptions.Instructions"/> become the <c>system_prompt</c> inference parameter; earlier turns become
/// <c>chat_history</c>, a list of <c>{ role, content }</c>; the sampling options become inference parameters.
/// </summary>
internal static class ChatPrompt
{
    /// <summary>The input and options of one chat request.</summary>
    /// <exception cref="ArgumentException">The conversation is empty, or its last message has nothing to answer.</exception>
    /// <exception cref="NotSupportedException">The options ask for what a Clarifai model cannot do (tools, a response format).</exception>
    public static (ModelInput Input, PredictionOptions Options) From(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        if (list.Any(m => m is null)) throw new ArgumentException("The conversation contains a null message.", nameof(messages));
        var system = list.Where(m => m.Role == ChatRole.System).Select(m => m.Text).Where(t => t.Length > 0).ToList();
        if (!string.IsNullOrEmpty(options?.Instructions)) system.Insert(0, options.Instructions);
        var turns = list.Where(m => m.Role != ChatRole.System).ToList();
        if (turns.Count == 0) throw new ArgumentException("The conversation has no message to answer (only system messages, or none).", nameof(messages));
        if (options?.Tools is { Count: > 0 }) throw new NotSupportedException("This model has no method signatures (a model of the older kind): it cannot take tools. Models with the OpenAI transport or the standard LLM signature can; remove ChatOptions.Tools for this one.");
        if (options?.ResponseFormat is ChatResponseFormatJson) throw new NotSupportedException("This model has no method signatures (a model of the older kind): it cannot take a response format. Models with the OpenAI transport can; remove ChatOptions.ResponseFormat for this one.");

        var parameters = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        if (system.Count > 0) parameters["system_prompt"] = string.Join("\n", system);
        if (options?.TopP is { } topP) parameters["top_p"] = AsWritten(topP);
        if (options?.TopK is { } topK) parameters["top_k"] = topK;
        if (options?.FrequencyPenalty is { } frequency) parameters["frequency_penalty"] = AsWritten(frequency);
        if (options?.PresencePenalty is { } presence) parameters["presence_penalty"] = AsWritten(presence);
        if (options?.Seed is { } seed) parameters["seed"] = seed;
        if (options?.StopSequences is { Count: > 0 } stops) parameters["stop"] = string.Join("\n", stops);
        foreach (var (key, value) in options?.AdditionalProperties ?? []) parameters[key] = value; // checked by PredictionOptions.Validate
        if (turns.Count > 1) parameters["chat_history"] = Value.ForList([.. turns.Take(turns.Count - 1).Select(Turn)]);

        var prediction = new PredictionOptions
        {
            Temperature = options?.Temperature is { } temperature ? AsWritten(temperature) : null,
            MaxTokens = options?.MaxOutputTokens,
            InferenceParams = parameters.Count > 0 ? parameters.ToImmutable() : null,
        };
        prediction.Validate();
        var input = InputOf(turns[^1]) ?? throw new ArgumentException("The last message has no text or image to answer.", nameof(messages));
        return (input, prediction);
    }

    /// <summary>An option's value as written (0.2f is 0.2, not the 0.20000000298… a widening gives).</summary>
    private static double AsWritten(float value) => double.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static ModelInput? InputOf(ChatMessage message)
    {
        var parts = new List<ModelInput>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    parts.Add(ModelInput.FromText(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ModelInput.FromImage(ImageSource.FromBytes(data.Data.Span)));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ModelInput.FromImage(ImageSource.FromUrl(uri.Uri)));
                    break;
                case TextContent:
                    break;
                default:
                    throw new NotSupportedException($"A {content.GetType().Name} in the message to answer cannot be sent to a Clarifai model; text and images can.");
            }
        }

        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => ModelInput.Multimodal([.. parts]),
        };
    }

    /// <summary>An earlier turn as <c>{ role, content }</c>, with the roles chat models use: user, assistant, tool.</summary>
    private static Value Turn(ChatMessage turn)
    {
        var entry = new Struct();
        entry.Fields["role"] = Value.ForString(turn.Role.Value);
        entry.Fields["content"] = Value.ForString(turn.Text);
        return Value.ForStruct(entry);
    }
}
