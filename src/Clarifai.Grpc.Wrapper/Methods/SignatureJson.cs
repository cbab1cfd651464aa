using System.Text.Json;
using Clarifai.Api;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// The answer to <c>_GET_SIGNATURES</c>: a JSON object from method name to <c>MethodSignature</c> in protobuf's JSON
/// form (camelCase keys, enum names), as clarifai-python's <c>signatures_to_json</c> writes it.
/// </summary>
internal static class SignatureJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    /// <exception cref="InvalidProtocolBufferException">A signature is not a <c>MethodSignature</c>.</exception>
    /// <exception cref="ArgumentException">A signature is malformed, or two have the same name.</exception>
    public static ModelMethods Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The signatures are not a JSON object.");
        var signatures = new List<MethodSignature>();
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var signature = Parser.Parse<MethodSignature>(entry.Value.GetRawText());
            if (signature.Name.Length == 0) signature.Name = entry.Name;
            signatures.Add(signature);
        }

        return ModelMethods.FromProto(signatures);
    }

    /// <summary>The JSON a model answers to <c>_GET_SIGNATURES</c> (for the local server and tests).</summary>
    public static string Format(IEnumerable<MethodSignature> signatures)
    {
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(false));
        return "{" + string.Join(",", signatures.Select(s => "\"" + JsonEncodedText.Encode(s.Name) + "\":" + formatter.Format(s))) + "}";
    }
}
