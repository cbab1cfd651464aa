using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>
/// The JSON settings of the adapters: Microsoft.Extensions.AI's own (<see cref="AIJsonUtilities.DefaultOptions"/>, whose
/// contracts are source-generated for its types), written compactly as OpenAI's format is.
/// </summary>
internal static class AdapterJson
{
    public static readonly JsonSerializerOptions Options = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
}
