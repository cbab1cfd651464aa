using System.Collections;
using System.Text.Json.Nodes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Methods;

namespace Clarifai.Cli;

/// <summary>A method's result as JSON (for <c>--json</c>) and as text (for people).</summary>
internal static class MethodResultJson
{
    public static JsonNode? Of(object? value) => value switch
    {
        null => null,
        string text => text,
        long number => number,
        double number => number,
        bool flag => flag,
        byte[] bytes => Convert.ToBase64String(bytes),
        JsonNode node => node.DeepClone(),
        ConceptValue concept => new JsonObject { ["id"] = concept.Id, ["name"] = concept.Name, ["value"] = Math.Round(concept.Value, 6) },
        PredictedRegion region => new JsonObject { ["id"] = region.Id, ["value"] = region.Value, ["concepts"] = Of(region.Concepts.Cast<object?>().ToList()) },
        PredictedFrame frame => new JsonObject { ["number"] = frame.Number, ["time_ms"] = frame.Time.TotalMilliseconds, ["concepts"] = Of(frame.Concepts.Cast<object?>().ToList()) },
        NDArray array => new JsonObject { ["dtype"] = array.Dtype, ["shape"] = new JsonArray([.. array.Shape.Select(s => (JsonNode)s)]) },
        Image image => new JsonObject { ["url"] = image.Url, ["bytes"] = image.Base64.Length },
        IReadOnlyDictionary<string, object?> fields => new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, Of(f.Value)))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(Of)]),
        _ => value.ToString(),
    };

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        _ => Of(value)?.ToJsonString() ?? string.Empty,
    };

    public static JsonObject Line(MethodResult result) =>
        new() { ["result"] = Of(result.Value), ["prompt_tokens"] = result.PromptTokens, ["completion_tokens"] = result.CompletionTokens };
}
