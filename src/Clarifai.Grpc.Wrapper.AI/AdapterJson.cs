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

    /// <summary>Sets each of <paramref name="properties"/> as a field of an OpenAI request, of any JSON shape.</summary>
    public static void SetFields(System.Text.Json.Nodes.JsonObject request, AdditionalPropertiesDictionary? properties)
    {
        foreach (var (key, value) in properties ?? [])
        {
            request[key] = value is null ? null : JsonSerializer.SerializeToNode(value, Options.GetTypeInfo(value.GetType()));
        }
    }
}
