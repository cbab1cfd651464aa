using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// What Clarifai's REST API accepts beyond strict protobuf JSON, applied before parsing: <c>true</c>/<c>false</c>
/// for a number field (the documented cURL bodies label concepts with <c>"value": true</c>) become 1/0. Guided by the
/// message descriptors, so map keys and <c>google.protobuf.Struct</c> content (metadata) are never touched.
/// </summary>
internal static class LenientJson
{
    /// <summary>The field a JSON property names: by its proto name (snake_case) or its JSON name (camelCase), as protobuf's JSON parser accepts both.</summary>
    public static FieldDescriptor? FieldOf(MessageDescriptor descriptor, string name) =>
        descriptor.FindFieldByName(name) ?? descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

    public static void Coerce(JsonNode? node, MessageDescriptor descriptor)
    {
        if (node is not JsonObject json || descriptor.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal)) return;
        foreach (var (name, value) in json.ToList())
        {
            var field = FieldOf(descriptor, name);
            if (field is null || value is null || field.IsMap) continue;
            var items = field.IsRepeated && value is JsonArray array ? array.ToList() : [value];
            for (var i = 0; i < items.Count; i++)
            {
                if (field.FieldType == FieldType.Message)
                {
                    Coerce(items[i], field.MessageType);
                }
                else if (field.FieldType is FieldType.Float or FieldType.Double && items[i] is JsonValue v && v.TryGetValue(out bool flag))
                {
                    var number = JsonValue.Create(flag ? 1 : 0);
                    if (field.IsRepeated) ((JsonArray)value)[i] = number;
                    else json[name] = number;
                }
            }
        }
    }
}
