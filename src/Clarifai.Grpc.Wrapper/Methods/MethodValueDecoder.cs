using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// Decodes a method's answer by its declared result type, as Clarifai's clients do: the part with id <c>return</c> (or,
/// when a model inlines its result, the output's data itself), the value read from the field the type names.
/// </summary>
internal static class MethodValueDecoder
{
    /// <summary>The id of the part that holds a method's result.</summary>
    public const string ReturnPartId = "return";

    /// <summary>The result in an output's data, by <paramref name="returns"/>.</summary>
    public static object? DecodeResult(MethodField returns, Data? data)
    {
        if (data is null) return null;
        foreach (var part in data.Parts)
        {
            if (part.Id == ReturnPartId) return Decode(returns, part.Data ?? new Data());
        }

        return Decode(returns, data);
    }

    /// <summary>The value of <paramref name="data"/> as <paramref name="field"/>'s type: see <see cref="MethodResult.Value"/> for the .NET types.</summary>
    public static object? Decode(MethodField field, Data data) => field.Type switch
    {
        MethodValueType.Str => data.StringValue,
        MethodValueType.Bytes => data.BytesValue.ToByteArray(),
        MethodValueType.Int => data.IntValue,
        MethodValueType.Float => data.FloatValue,
        MethodValueType.Bool => data.BoolValue,
        MethodValueType.NDArray => data.Ndarray is { Buffer.IsEmpty: false } array ? array : null,
        MethodValueType.Json => data.StructValue is { } json ? Unwrapped(json) : null,
        MethodValueType.Text => data.Text?.Raw,
        MethodValueType.Image => data.Image,
        MethodValueType.Audio => data.Audio,
        MethodValueType.Video => data.Video,
        // A single concept, region or frame is the only item of its repeated field (more come back as a list).
        MethodValueType.Concept => OneOrList(data.Concepts, ConceptValue.FromProto),
        MethodValueType.Region => OneOrList(data.Regions, PredictedRegion.FromProto),
        MethodValueType.Frame => OneOrList(data.Frames, PredictedFrame.FromProto),
        MethodValueType.List => DecodeList(field, data),
        MethodValueType.Tuple => data.Parts.Count == 0 && field.TypeArguments.Length > 0 ? null : DecodeTuple(field, data),
        MethodValueType.NamedFields => data.Parts.Count == 0 && field.TypeArguments.Length > 0 ? null : DecodeNamedFields(field, data),
        _ => data,
    };

    private static System.Text.Json.Nodes.JsonNode Unwrapped(Google.Protobuf.WellKnownTypes.Struct json) =>
        json.Fields.Count == 1 && json.Fields.TryGetValue("_list", out var list) && list.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.ListValue
            ? JsonValues.ToNode(list)!
            : JsonValues.ToNode(json);

    private static object? OneOrList<TProto, T>(IReadOnlyList<TProto> items, Func<TProto, T> convert) => items.Count switch
    {
        0 => null,
        1 => convert(items[0]),
        _ => items.Select(convert).ToImmutableArray(),
    };

    private static ImmutableArray<object?> DecodeList(MethodField field, Data data)
    {
        if (field.TypeArguments.IsEmpty) return [];
        var item = field.TypeArguments[0];
        return item.Type switch
        {
            MethodValueType.Concept => [.. data.Concepts.Select(c => (object?)ConceptValue.FromProto(c))],
            MethodValueType.Region => [.. data.Regions.Select(r => (object?)PredictedRegion.FromProto(r))],
            MethodValueType.Frame => [.. data.Frames.Select(f => (object?)PredictedFrame.FromProto(f))],
            _ => [.. data.Parts.Select(p => Decode(item, p.Data ?? new Data()))],
        };
    }

    private static ImmutableArray<object?> DecodeTuple(MethodField field, Data data)
    {
        if (data.Parts.Count != field.TypeArguments.Length)
        {
            throw new ClarifaiException(new ClarifaiStatus(Clarifai.Api.Status.StatusCode.Failure, "The model's answer does not match its signature.", $"Expected {field.TypeName}, got {data.Parts.Count} items.", string.Empty), "PostModelOutputs");
        }

        return [.. field.TypeArguments.Select((inner, i) => Decode(inner, data.Parts[i].Data ?? new Data()))];
    }

    private static ImmutableDictionary<string, object?> DecodeNamedFields(MethodField field, Data data)
    {
        var result = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var inner in field.TypeArguments)
        {
            var part = data.Parts.FirstOrDefault(p => p.Id == inner.Name);
            result[inner.Name] = part is null ? null : Decode(inner, part.Data ?? new Data());
        }

        return result.ToImmutable();
    }
}
