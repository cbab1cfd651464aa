using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// JSON between .NET and protobuf's <see cref="Struct"/>/<see cref="Value"/>, without reflection (trimming- and
/// AOT-safe): <see cref="JsonNode"/>, <see cref="JsonElement"/>, dictionaries with string keys, sequences, strings,
/// numbers, booleans and null. A .NET object of any other type is refused: serialize it first
/// (<c>JsonSerializer.SerializeToNode(value, context.Type)</c>).
/// </summary>
internal static class JsonValues
{
    /// <summary>The protobuf value of a .NET JSON value.</summary>
    /// <exception cref="ArgumentException">The value is not JSON (the message says where, by <paramref name="path"/>).</exception>
    public static Value From(object? value, string path, string argument) => value switch
    {
        null => Value.ForNull(),
        Value proto => proto.Clone(),
        Struct proto => Value.ForStruct(proto.Clone()),
        string text => Value.ForString(text),
        bool flag => Value.ForBool(flag),
        JsonNode node => FromNode(node),
        JsonElement element => FromElement(element),
        JsonDocument document => FromElement(document.RootElement),
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal or Half => Value.ForNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IEnumerable<KeyValuePair<string, object?>> pairs => Value.ForStruct(StructOf(pairs, path, argument)),
        IDictionary dictionary => Value.ForStruct(StructOf(dictionary, path, argument)),
        IEnumerable items => Value.ForList([.. items.Cast<object?>().Select((item, i) => From(item, $"{path}[{i}]", argument))]),
        _ => throw new ArgumentException($"Argument '{argument}{path}': a {value.GetType().Name} is not a JSON value. Pass a JsonNode, a dictionary, a list or a primitive; serialize an object first (JsonSerializer.SerializeToNode(value, context.Type)).", argument),
    };

    /// <summary>A JSON object as a <see cref="Struct"/>.</summary>
    public static Struct StructOf(IEnumerable<KeyValuePair<string, object?>> pairs, string path, string argument)
    {
        var result = new Struct();
        foreach (var (key, value) in pairs) result.Fields[key] = From(value, $"{path}.{key}", argument);
        return result;
    }

    private static Struct StructOf(IDictionary dictionary, string path, string argument)
    {
        var result = new Struct();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key) throw new ArgumentException($"Argument '{argument}{path}': a JSON object's keys are strings, not {entry.Key.GetType().Name}.", argument);
            result.Fields[key] = From(entry.Value, $"{path}.{key}", argument);
        }

        return result;
    }

    public static Value FromNode(JsonNode? node) => node switch
    {
        null => Value.ForNull(),
        JsonObject obj => Value.ForStruct(StructOf(obj)),
        JsonArray array => Value.ForList([.. array.Select(FromNode)]),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => Value.ForString(node.GetValue<string>()),
            JsonValueKind.Number => Value.ForNumber(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.True => Value.ForBool(true),
            JsonValueKind.False => Value.ForBool(false),
            _ => Value.ForNull(),
        },
    };

    private static Struct StructOf(JsonObject obj)
    {
        var result = new Struct();
        foreach (var (key, value) in obj) result.Fields[key] = FromNode(value);
        return result;
    }

    public static Value FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new Struct();
                foreach (var property in element.EnumerateObject()) result.Fields[property.Name] = FromElement(property.Value);
                return Value.ForStruct(result);
            case JsonValueKind.Array:
                return Value.ForList([.. element.EnumerateArray().Select(FromElement)]);
            case JsonValueKind.String:
                return Value.ForString(element.GetString()!);
            case JsonValueKind.Number:
                return Value.ForNumber(element.GetDouble());
            case JsonValueKind.True:
                return Value.ForBool(true);
            case JsonValueKind.False:
                return Value.ForBool(false);
            default:
                return Value.ForNull();
        }
    }

    /// <summary>The JSON node of a protobuf value (integral numbers as integers).</summary>
    public static JsonNode? ToNode(Value? value) => value?.KindCase switch
    {
        Value.KindOneofCase.StructValue => ToNode(value.StructValue),
        Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(ToNode)]),
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        Value.KindOneofCase.NumberValue => NumberNode(value.NumberValue),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        _ => null,
    };

    public static JsonObject ToNode(Struct value)
    {
        var result = new JsonObject();
        foreach (var (key, field) in value.Fields) result[key] = ToNode(field);
        return result;
    }

    private static JsonValue NumberNode(double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9_007_199_254_740_992d ? JsonValue.Create((long)number) : JsonValue.Create(number);
}
