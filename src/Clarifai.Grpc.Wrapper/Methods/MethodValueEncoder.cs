using System.Collections;
using System.Runtime.CompilerServices;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// Encodes arguments into a request's <c>data.parts</c> by the method's signature, as Clarifai's runtime decodes them
/// (clarifai-python <c>runners/utils/method_signatures.py</c> and <c>serializers.py</c>): one part per argument with the
/// parameter's name as its id, in signature order, the value in the field its declared type names. Every check happens
/// here, before anything is sent: an unknown argument, a missing required one, or a value that cannot be the declared
/// type is an <see cref="ArgumentException"/> naming the argument.
/// </summary>
internal static class MethodValueEncoder
{
    /// <summary>The metadata key that names the method on every input.</summary>
    public const string MethodNameKey = "_method_name";

    /// <summary>The <c>Data</c> of one input: the method's name and one part per argument given.</summary>
    /// <param name="method">The method.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="only">For a stream method's later messages: encode only this parameter.</param>
    public static Data Encode(ModelMethod method, MethodArguments arguments, MethodField? only = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var fields = only is null ? method.Parameters : [only];
        foreach (var (name, _) in arguments)
        {
            if (!fields.Any(f => f.Name == name))
            {
                throw new ArgumentException(
                    $"Method '{method.Name}' has no parameter '{name}'; its parameters: {(method.Parameters.IsEmpty ? "none" : string.Join(", ", method.Parameters.Select(p => p.Name)))}.",
                    name);
            }
        }

        var data = new Data { Metadata = Named(method.Name) };
        foreach (var field in fields)
        {
            if (!arguments.TryGetValue(field.Name, out var value))
            {
                if (field.IsRequired) throw new ArgumentException($"Method '{method.Name}' requires argument '{field.Name}' ({field.TypeName}).", field.Name);
                continue; // the model applies its default
            }

            if (value is null)
            {
                // Clarifai's runtime: None for a parameter whose default is None is the same as leaving it out.
                if (field.DefaultsToNone) continue;
                throw new ArgumentException($"Argument '{field.Name}' of method '{method.Name}' is null, which is not a {field.TypeName}{(field.IsRequired ? string.Empty : "; leave it out to use the model's default")}.", field.Name);
            }

            var part = new Part { Id = field.Name, Data = new Data() };
            Write(field, value, part.Data, field.Name, path: string.Empty);
            data.Parts.Add(part);
        }

        return data;
    }

    /// <summary>The metadata that names <paramref name="method"/>.</summary>
    public static Struct Named(string method) => new() { Fields = { [MethodNameKey] = Value.ForString(method) } };

    /// <summary>Writes <paramref name="value"/> into <paramref name="data"/> by <paramref name="field"/>'s type.</summary>
    private static void Write(MethodField field, object value, Data data, string argument, string path)
    {
        switch (field.Type)
        {
            case MethodValueType.Str:
                data.StringValue = value as string ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Bytes:
                data.BytesValue = BytesOf(value) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Int:
                data.IntValue = IntegerOf(value) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Float:
                // An integer goes out as a float: the runtime reads an int_value for a float parameter as 0.
                data.FloatValue = FloatOf(value) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Bool:
                data.BoolValue = value is bool flag ? flag : throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.NDArray:
                data.Ndarray = NDArrays.From(value) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Json:
                data.StructValue = JsonOf(field, value, argument, path);
                break;
            case MethodValueType.Text:
                data.Text = value switch
                {
                    string raw => new Text { Raw = raw },
                    Text text => text.Clone(),
                    _ => throw Mismatch(field, value, argument, path),
                };
                break;
            case MethodValueType.Image:
                data.Image = MediaOf(value, d => d.Image, url => new Image { Url = url }) ?? (value is ImageSource source ? source.ToProto().Data.Image : null) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Audio:
                data.Audio = MediaOf(value, d => d.Audio, url => new Audio { Url = url }) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Video:
                data.Video = MediaOf(value, d => d.Video, url => new Video { Url = url }) ?? throw Mismatch(field, value, argument, path);
                break;
            case MethodValueType.Concept:
                data.Concepts.Add(ConceptOf(value) ?? throw Mismatch(field, value, argument, path));
                break;
            case MethodValueType.Region:
                data.Regions.Add(RegionOf(value) ?? throw Mismatch(field, value, argument, path));
                break;
            case MethodValueType.Frame:
                data.Frames.Add(FrameOf(value) ?? throw Mismatch(field, value, argument, path));
                break;
            case MethodValueType.List:
                WriteList(field, value, data, argument, path);
                break;
            case MethodValueType.Tuple:
                WriteTuple(field, value, data, argument, path);
                break;
            case MethodValueType.NamedFields:
                WriteNamedFields(field, value, data, argument, path);
                break;
            default:
                throw new ArgumentException($"Argument '{argument}{path}' has a type this library cannot send ({field.TypeName}).", argument);
        }
    }

    private static void WriteList(MethodField field, object value, Data data, string argument, string path)
    {
        if (field.TypeArguments.IsEmpty) throw new ArgumentException($"Argument '{argument}{path}': the model declares a list without an item type.", argument);
        if (value is string or byte[] || value is not IEnumerable items) throw Mismatch(field, value, argument, path);
        var item = field.TypeArguments[0];
        var index = 0;
        foreach (var element in items)
        {
            var at = $"{path}[{index++}]";
            if (element is null) throw new ArgumentException($"Argument '{argument}{at}' is null, which is not a {item.TypeName}.", argument);

            // Concepts, regions and frames go straight into their repeated field, as the runtime reads them.
            if (item.Type is MethodValueType.Concept or MethodValueType.Region or MethodValueType.Frame)
            {
                Write(item, element, data, argument, at);
                continue;
            }

            var part = new Part { Data = new Data() };
            Write(item, element, part.Data, argument, at);
            data.Parts.Add(part);
        }
    }

    private static void WriteTuple(MethodField field, object value, Data data, string argument, string path)
    {
        var items = value switch
        {
            ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToList(),
            string => null,
            IEnumerable sequence => sequence.Cast<object?>().ToList(),
            _ => null,
        };
        if (items is null) throw Mismatch(field, value, argument, path);
        if (items.Count != field.TypeArguments.Length) throw new ArgumentException($"Argument '{argument}{path}' has {items.Count} items; the model declares {field.TypeName}.", argument);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            var part = new Part { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Data = new Data() };
            Write(field.TypeArguments[i], items[i] ?? throw new ArgumentException($"Argument '{argument}{at}' is null, which is not a {field.TypeArguments[i].TypeName}.", argument), part.Data, argument, at);
            data.Parts.Add(part);
        }
    }

    private static void WriteNamedFields(MethodField field, object value, Data data, string argument, string path)
    {
        var values = value switch
        {
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().ToDictionary(e => e.Key as string ?? throw Mismatch(field, value, argument, path), e => e.Value, StringComparer.Ordinal),
            _ => throw Mismatch(field, value, argument, path),
        };
        foreach (var name in values.Keys)
        {
            if (!field.TypeArguments.Any(f => f.Name == name)) throw new ArgumentException($"Argument '{argument}{path}' has a field '{name}' the model does not declare ({field.TypeName}).", argument);
        }

        foreach (var inner in field.TypeArguments)
        {
            var at = $"{path}.{inner.Name}";
            if (!values.TryGetValue(inner.Name, out var item) || item is null) throw new ArgumentException($"Argument '{argument}{at}' is missing: the model declares {field.TypeName} and needs every field.", argument);
            var part = new Part { Id = inner.Name, Data = new Data() };
            Write(inner, item, part.Data, argument, at);
            data.Parts.Add(part);
        }
    }

    private static Struct JsonOf(MethodField field, object value, string argument, string path)
    {
        // Text is never sent as JSON: the runtime reads JSON sent as a string as None, without an error.
        if (value is string) throw new ArgumentException($"Argument '{argument}{path}' is a string, but the model declares JSON: pass an object or a list (JsonNode.Parse(text) for JSON text).", argument);
        var json = JsonValues.From(value, path, argument);
        return json.KindCase switch
        {
            Value.KindOneofCase.StructValue => json.StructValue,
            Value.KindOneofCase.ListValue => new Struct { Fields = { ["_list"] = json } },
            _ => throw new ArgumentException($"Argument '{argument}{path}' is a JSON {json.KindCase}, but the model's JSON parameters take an object or a list.", argument),
        };
    }

    private static ByteString? BytesOf(object value) => value switch
    {
        byte[] bytes => ByteString.CopyFrom(bytes),
        ReadOnlyMemory<byte> memory => ByteString.CopyFrom(memory.Span),
        Memory<byte> memory => ByteString.CopyFrom(memory.Span),
        ArraySegment<byte> segment => ByteString.CopyFrom(segment),
        ByteString bytes => bytes,
        _ => null,
    };

    private static long? IntegerOf(object value) => value switch
    {
        byte v => v,
        sbyte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        _ => null,
    };

    private static double? FloatOf(object value) => value switch
    {
        double v => v,
        // The value it prints as (0.2f is 0.2, not 0.20000000298…), as a user who wrote it means it.
        float v => double.Parse(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
        Half v => (double)v,
        decimal v => (double)v,
        _ => IntegerOf(value),
    };

    private static T? MediaOf<T>(object value, Func<Data, T?> field, Func<string, T> fromUrl)
        where T : class, IMessage<T> => value switch
        {
            T proto => proto.Clone(),
            Uri url => fromUrl(ImageContent.CheckUrl(url, nameof(value)).AbsoluteUri),
            ModelInput input => field(input.ToRequestInput().Data)?.Clone(),
            _ => null,
        };

    private static Concept? ConceptOf(object value) => value switch
    {
        Concept proto => proto.Clone(),
        ClarifaiConcept concept => concept.Proto.Clone(),
        ConceptValue concept => new Concept { Id = concept.Id, Name = concept.Name, Value = concept.Value },
        string name when name.Length > 0 => new Concept { Id = name, Name = name, Value = 1 },
        _ => null,
    };

    private static Region? RegionOf(object value) => value switch
    {
        Region proto => proto.Clone(),
        PredictedRegion region => region.ToProto(),
        _ => null,
    };

    private static Frame? FrameOf(object value) => value switch
    {
        Frame proto => proto.Clone(),
        PredictedFrame frame => frame.ToProto(),
        _ => null,
    };

    private static ArgumentException Mismatch(MethodField field, object value, string argument, string path) =>
        new($"Argument '{argument}{path}' is a {value.GetType().Name}, which cannot be sent as {field.TypeName}{Hint(field.Type)}.", argument);

    private static string Hint(MethodValueType type) => type switch
    {
        MethodValueType.Str or MethodValueType.Text => " (pass a string)",
        MethodValueType.Int => " (pass an integer)",
        MethodValueType.Float => " (pass a number)",
        MethodValueType.Bool => " (pass a bool)",
        MethodValueType.Bytes => " (pass a byte[] or ReadOnlyMemory<byte>)",
        MethodValueType.NDArray => " (pass a numeric array or an NDArray)",
        MethodValueType.Image => " (pass an ImageSource, an Image, a Uri or a ModelInput)",
        MethodValueType.Audio or MethodValueType.Video => " (pass a Uri, a ModelInput or the proto)",
        MethodValueType.Concept => " (pass a ConceptValue, a ClarifaiConcept, a Concept or a concept id)",
        MethodValueType.Region => " (pass a PredictedRegion or a Region)",
        MethodValueType.Frame => " (pass a PredictedFrame or a Frame)",
        MethodValueType.List or MethodValueType.Tuple => " (pass a list or an array)",
        MethodValueType.NamedFields => " (pass a dictionary with string keys)",
        _ => string.Empty,
    };
}
