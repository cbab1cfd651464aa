namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>The ways a chat reaches a model (see <see cref="ChatRoute"/>).</summary>
internal enum ChatRouteKind
{
    /// <summary>The whole OpenAI request through <c>openai_transport</c> / <c>openai_stream_transport</c>.</summary>
    OpenAi,

    /// <summary>The standard LLM signature's arguments through <c>predict</c> / <c>generate</c>.</summary>
    LlmSignature,

    /// <summary>The prompt in <c>text.raw</c>, settings in <c>output_info.params</c>.</summary>
    OlderKind,
}
