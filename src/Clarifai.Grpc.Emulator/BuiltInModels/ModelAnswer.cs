using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>A model's answer for one input: the output's data and token counts, or why there is none.</summary>
internal sealed record ModelAnswer(Data? Data, string? Error = null, uint PromptTokens = 0, uint CompletionTokens = 0)
{
    public static ModelAnswer Failed(string error) => new(null, error);
}
