using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// What a model method answered for one input (or one message of a stream): the result decoded by the method's declared
/// type, the token counts, and the output as the API sent it.
/// </summary>
public sealed class MethodResult
{
    /// <summary>Creates a result (for fakes in tests: <see cref="Testing.ClarifaiFakes.MethodResult(object?, long, long)"/> builds one from a value).</summary>
    /// <param name="value">The decoded result.</param>
    /// <param name="proto">The output as the API sent it.</param>
    public MethodResult(object? value, Output proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Value = value;
        Proto = proto;
    }

    /// <summary>
    /// The result, by the method's declared type: <c>str</c> and <c>Text</c> → <see cref="string"/>; <c>int</c> →
    /// <see cref="long"/>; <c>float</c> → <see cref="double"/>; <c>bool</c>; <c>bytes</c> → <c>byte[]</c>;
    /// JSON → <see cref="JsonNode"/> (a <see cref="JsonArray"/> for a list); <c>np.ndarray</c> → <see cref="NDArray"/>;
    /// <c>Image</c>/<c>Audio</c>/<c>Video</c> → the proto; <c>Concept</c> → <see cref="ConceptValue"/>; <c>Region</c>
    /// → <see cref="PredictedRegion"/>; <c>Frame</c> → <see cref="PredictedFrame"/>; lists and tuples →
    /// <see cref="ImmutableArray{T}"/> of <see cref="object"/>; named fields → <see cref="IReadOnlyDictionary{TKey, TValue}"/>.
    /// A model of the older kind: its text, else its concepts. <see langword="null"/> when the model answered none.
    /// </summary>
    public object? Value { get; }

    /// <summary>This input's status: not a success for an input that failed in a batch (<see cref="ModelMethodService.CallManyAsync"/>), whose <see cref="Value"/> is then <see langword="null"/>.</summary>
    public ClarifaiStatus Status => ClarifaiStatus.FromProto(Proto.Status);

    /// <summary>Whether the model answered this input.</summary>
    public bool IsSuccess => Proto.Status is null or { Code: Clarifai.Api.Status.StatusCode.Success or Clarifai.Api.Status.StatusCode.Zero };

    /// <summary>The prompt tokens the model counted, when it reports them; 0 otherwise.</summary>
    public long PromptTokens => Proto.PromptTokens;

    /// <summary>The tokens the model generated, when it reports them; 0 otherwise.</summary>
    public long CompletionTokens => Proto.CompletionTokens;

    /// <summary>The output as the API sent it.</summary>
    public Output Proto { get; }

    /// <summary>
    /// The result as <typeparamref name="T"/>: the value itself when it is one, a number converted to another numeric
    /// type without loss of range, a <see cref="NDArray"/> as a one-dimensional array of its dtype
    /// (<c>float[]</c> for <c>float32</c>), JSON as its text for <see cref="string"/>.
    /// </summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidCastException">The result is not a <typeparamref name="T"/> (the message says what it is).</exception>
    public T As<T>() => (T)Converted(Value, typeof(T))!;

    /// <summary>A JSON result deserialized to a .NET type (trimming- and AOT-safe with a source-generated context).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="typeInfo">Its JSON contract, for example <c>MyContext.Default.Weather</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidCastException">The result is not JSON, nor a string holding JSON.</exception>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public T? As<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Value switch
        {
            JsonNode node => node.Deserialize(typeInfo),
            string text => JsonSerializer.Deserialize(text, typeInfo),
            null => default,
            _ => throw new InvalidCastException($"The result is a {Value.GetType().Name}, not JSON."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        null => "MethodResult(none)",
        string text => $"MethodResult(\"{(text.Length > 60 ? text[..60] + "…" : text)}\")",
        _ => $"MethodResult({Value.GetType().Name})",
    };

    private static object? Converted(object? value, Type wanted)
    {
        if (value is null)
        {
            if (!wanted.IsValueType || Nullable.GetUnderlyingType(wanted) is not null) return null;
            throw new InvalidCastException($"The model answered no value, which is not a {wanted.Name}.");
        }

        if (wanted.IsInstanceOfType(value)) return value;
        var target = Nullable.GetUnderlyingType(wanted) ?? wanted;
        try
        {
            switch (value)
            {
                case long integer when target == typeof(int) || target == typeof(short) || target == typeof(byte) || target == typeof(uint) || target == typeof(ulong) || target == typeof(double) || target == typeof(float) || target == typeof(decimal):
                    return Convert.ChangeType(integer, target, CultureInfo.InvariantCulture);
                case double number when target == typeof(float) || target == typeof(decimal):
                    return Convert.ChangeType(number, target, CultureInfo.InvariantCulture);
                case NDArray array when target == typeof(float[]):
                    return NDArrays.ToArray<float>(array) ?? throw Mismatch(value, wanted);
                case NDArray array when target == typeof(double[]):
                    return NDArrays.ToArray<double>(array) ?? throw Mismatch(value, wanted);
                case NDArray array when target == typeof(int[]):
                    return NDArrays.ToArray<int>(array) ?? throw Mismatch(value, wanted);
                case NDArray array when target == typeof(long[]):
                    return NDArrays.ToArray<long>(array) ?? throw Mismatch(value, wanted);
                case JsonNode node when target == typeof(string):
                    return node.ToJsonString();
            }
        }
        catch (OverflowException overflow)
        {
            throw new InvalidCastException($"The result {value} does not fit a {wanted.Name}.", overflow);
        }

        throw Mismatch(value, wanted);
    }

    private static InvalidCastException Mismatch(object value, Type wanted) =>
        new($"The result is a {(value is NDArray array ? $"NDArray of {array.Dtype}" : value.GetType().Name)}, not a {wanted.Name}.");
}
