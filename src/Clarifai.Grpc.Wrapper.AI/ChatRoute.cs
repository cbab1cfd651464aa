using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// How a chat reaches a model, chosen from its methods: the OpenAI transport pair (full fidelity), the standard LLM
/// signature (<c>predict</c>/<c>generate</c> with a <c>prompt</c>), or the older kind (prompt in <c>text.raw</c>).
/// </summary>
internal sealed record ChatRoute(ChatRouteKind Kind, ModelMethod? Predict, ModelMethod? Generate)
{
    public const string OpenAiTransport = "openai_transport";
    public const string OpenAiStreamTransport = "openai_stream_transport";

    public static readonly ChatRoute OlderKind = new(ChatRouteKind.OlderKind, null, null);

    /// <exception cref="NotSupportedException">The model has methods, but none a chat can call.</exception>
    public static ChatRoute Of(ModelMethods methods, ModelRef model)
    {
        if (methods.IsOlderKind) return OlderKind;
        if (methods.Find(OpenAiTransport) is { Kind: ModelMethodKind.Unary } transport && methods.Find(OpenAiStreamTransport) is { Kind: ModelMethodKind.Generate } streaming)
        {
            return new ChatRoute(ChatRouteKind.OpenAi, transport, streaming);
        }

        if (methods.Find("predict") is { Kind: ModelMethodKind.Unary } predict && predict.FindParameter("prompt") is { Type: MethodValueType.Str })
        {
            var generate = methods.Find("generate") is { Kind: ModelMethodKind.Generate } g && g.FindParameter("prompt") is not null ? g : null;
            return new ChatRoute(ChatRouteKind.LlmSignature, predict, generate);
        }

        throw new NotSupportedException($"Model {model} has no chat methods: neither the OpenAI transport pair nor the standard LLM signature (its methods: {string.Join(", ", methods.Select(m => m.Name))}). Call it with ClarifaiClient.Methods.");
    }
}
