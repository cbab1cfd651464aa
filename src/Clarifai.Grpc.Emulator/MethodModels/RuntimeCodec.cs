using System.Text.Json.Nodes;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Arguments and results as Clarifai's Python runtime reads and writes them (clarifai-python
/// <c>runners/utils/method_signatures.py</c> <c>serialize</c>/<c>deserialize</c>, <c>serializers.py</c>): each value is
/// read from the one field its declared type names — so, as there, an INT sent in <c>float_value</c> or a FLOAT in
/// <c>int_value</c> reads as 0, and JSON sent as <c>string_value</c> reads as None, all without an error. Written on
/// its own from the runtime's rules, not from the client's encoder, so that the two can disagree when one is wrong.
/// Values: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <c>byte[]</c>,
/// <see cref="JsonNode"/>, the media and concept protos, <see cref="List{T}"/> (lists), <c>object?[]</c> (tuples),
/// <see cref="Dictionary{TKey, TValue}"/> (named fields), <see cref="NDArray"/>.
/// </summary>
internal static class RuntimeCodec
{
    /// <summary>The keyword arguments in <paramref name="data"/> for <paramref name="fields"/> (Python's <c>deserialize</c>).</summary>
    /// <exception cref="RuntimeFailure">A required argument is missing, or a container does not match its type.</exception>
    public static Dictionary<string, object?> ReadArguments(Data data, IReadOnlyList<ModelTypeField> fields)
    {
        var parts = new Dictionary<string, Part>(StringComparer.Ordinal);
        foreach (var part in data.Parts) parts[part.Id] = part; // the last part of a name wins, as in the runtime's dict
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (parts.TryGetValue(field.Name, out var found))
            {
                arguments[field.Name] = Read(field, found.Data ?? new Data());
            }
            else if (i == 0)
            {
                // The first argument may be inlined in the data itself; a zero value there means "not given".
                var value = Read(field, data);
                if (!IsZero(value)) arguments[field.Name] = value;
            }
            else if (field.Required)
            {
                throw new RuntimeFailure($"Missing required field: {field.Name}");
            }
        }

        return arguments;
    }

    /// <summary>The default a parameter declares, as the runtime parses it (JSON first, else the text for a string).</summary>
    public static object? DefaultOf(ModelTypeField field)
    {
        try
        {
            var node = JsonNode.Parse(field.Default);
            return node switch
            {
                null => null,
                JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
                JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => field.Type == DataType.Int ? value.GetValue<long>() : value.GetValue<double>(),
                JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => value.GetValue<bool>(),
                _ => node,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return field.Type == DataType.Str ? field.Default : null;
        }
    }

    /// <summary>One value of <paramref name="field"/>'s type from <paramref name="data"/>.</summary>
    public static object? Read(ModelTypeField field, Data data) => field.Type switch
    {
        DataType.Str => data.StringValue,
        DataType.Bytes => data.BytesValue.ToByteArray(),
        DataType.Int => data.IntValue,
        DataType.Float => data.FloatValue,
        DataType.Bool => data.BoolValue,
        DataType.Ndarray => data.Ndarray is { Buffer.IsEmpty: false } array ? array : null,
        DataType.JsonData => data.StructValue is { } json ? Unwrapped(json) : null,
        DataType.Text => data.Text?.Raw,
        DataType.Image => data.Image,
        DataType.Audio => data.Audio,
        DataType.Video => data.Video,
        DataType.Concept => OneOrList(data.Concepts),
        DataType.Region => OneOrList(data.Regions),
        DataType.Frame => OneOrList(data.Frames),
        DataType.List => ReadList(field, data),
        DataType.Tuple => ReadTuple(field, data),
        DataType.NamedFields => ReadNamedFields(field, data),
        _ => throw new RuntimeFailure($"Unsupported type: {field.Type}"),
    };

    /// <summary>The output data of a result (Python's <c>serialize({'return': value})</c>).</summary>
    public static Data WriteResult(ModelTypeField returns, object? value)
    {
        var data = new Data();
        if (value is null) return data;
        var part = new Part { Id = "return", Data = new Data() };
        Write(returns, value, part.Data);
        data.Parts.Add(part);
        return data;
    }

    private static void Write(ModelTypeField field, object value, Data data)
    {
        switch (field.Type)
        {
            case DataType.Str: data.StringValue = (string)value; break;
            case DataType.Bytes: data.BytesValue = ByteString.CopyFrom((byte[])value); break;
            case DataType.Int: data.IntValue = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case DataType.Float: data.FloatValue = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case DataType.Bool: data.BoolValue = (bool)value; break;
            case DataType.Ndarray: data.Ndarray = (NDArray)value; break;
            case DataType.JsonData: data.StructValue = value is JsonArray list ? new Struct { Fields = { ["_list"] = ToValue(list) } } : ToValue((JsonNode)value).StructValue; break;
            case DataType.Text: data.Text = new Text { Raw = (string)value }; break;
            case DataType.Image: data.Image = (Image)value; break;
            case DataType.Audio: data.Audio = (Audio)value; break;
            case DataType.Video: data.Video = (Video)value; break;
            case DataType.Concept: data.Concepts.Add((Concept)value); break;
            case DataType.Region: data.Regions.Add((Region)value); break;
            case DataType.Frame: data.Frames.Add((Frame)value); break;
            case DataType.List:
                var item = field.TypeArgs[0];
                foreach (var element in (System.Collections.IEnumerable)value)
                {
                    if (item.Type is DataType.Concept or DataType.Region or DataType.Frame)
                    {
                        Write(item, element!, data);
                        continue;
                    }

                    var part = new Part { Data = new Data() };
                    Write(item, element!, part.Data);
                    data.Parts.Add(part);
                }

                break;
            default:
                throw new RuntimeFailure($"The local server's models do not return {field.Type}");
        }
    }

    private static List<object?> ReadList(ModelTypeField field, Data data)
    {
        var item = field.TypeArgs.Count > 0 ? field.TypeArgs[0] : throw new RuntimeFailure("A list without an item type");
        return item.Type switch
        {
            DataType.Concept => data.Concepts.Cast<object?>().ToList(),
            DataType.Region => data.Regions.Cast<object?>().ToList(),
            DataType.Frame => data.Frames.Cast<object?>().ToList(),
            _ => data.Parts.Select(p => Read(item, p.Data ?? new Data())).ToList(),
        };
    }

    private static object?[]? ReadTuple(ModelTypeField field, Data data)
    {
        if (data.Parts.Count == 0 && field.TypeArgs.Count > 0) return null;
        if (data.Parts.Count != field.TypeArgs.Count) throw new RuntimeFailure($"Expected tuple of length {field.TypeArgs.Count}, got {data.Parts.Count}");
        return [.. field.TypeArgs.Select((inner, i) => Read(inner, data.Parts[i].Data ?? new Data()))];
    }

    private static Dictionary<string, object?>? ReadNamedFields(ModelTypeField field, Data data)
    {
        if (data.Parts.Count == 0 && field.TypeArgs.Count > 0) return null;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var inner in field.TypeArgs)
        {
            var part = data.Parts.FirstOrDefault(p => p.Id == inner.Name) ?? throw new RuntimeFailure($"Missing part with key {inner.Name}");
            result[inner.Name] = Read(inner, part.Data ?? new Data());
        }

        return result;
    }

    private static object? OneOrList<T>(IList<T> items) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => items.Cast<object?>().ToList(),
    };

    private static JsonNode? Unwrapped(Struct json) =>
        json.Fields.Count == 1 && json.Fields.TryGetValue("_list", out var list) && list.KindCase == Value.KindOneofCase.ListValue
            ? ToNode(list)
            : ToNode(Value.ForStruct(json));

    private static bool IsZero(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        byte[] bytes => bytes.Length == 0,
        long number => number == 0,
        double number => number == 0,
        bool flag => !flag,
        _ => false,
    };

    public static JsonNode? ToNode(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StructValue => new JsonObject(value.StructValue.Fields.Select(f => KeyValuePair.Create(f.Key, ToNode(f.Value)))),
        Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(ToNode)]),
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        Value.KindOneofCase.NumberValue => JsonValue.Create(value.NumberValue),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        _ => null,
    };

    public static Value ToValue(JsonNode? node) => node switch
    {
        null => Value.ForNull(),
        JsonObject obj => Value.ForStruct(new Struct { Fields = { obj.ToDictionary(p => p.Key, p => ToValue(p.Value)) } }),
        JsonArray array => Value.ForList([.. array.Select(ToValue)]),
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => Value.ForString(node.GetValue<string>()),
            System.Text.Json.JsonValueKind.Number => Value.ForNumber(node.GetValue<double>()),
            System.Text.Json.JsonValueKind.True => Value.ForBool(true),
            System.Text.Json.JsonValueKind.False => Value.ForBool(false),
            _ => Value.ForNull(),
        },
    };
}
