using System.Collections.Immutable;
using System.Globalization;
using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>
/// How a model answers one call: the output configuration (<c>max_concepts</c>, <c>min_value</c>,
/// <c>select_concepts</c>) and inference parameters (temperature, max tokens, or any key the model takes).
/// </summary>
public sealed record PredictionOptions
{
    /// <summary>At most this many concepts per output; 1 to 200.</summary>
    public int? MaxConcepts { get; init; }

    /// <summary>Only concepts with at least this value; 0 to 1.</summary>
    public float? MinValue { get; init; }

    /// <summary>Only these concepts (by id).</summary>
    public ImmutableArray<string>? SelectConcepts { get; init; }

    /// <summary>Sampling temperature of a generative model; at least 0.</summary>
    public double? Temperature { get; init; }

    /// <summary>The most tokens a generative model may produce; at least 1.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>
    /// Any other inference parameter by name: strings, booleans, numbers, null, or a protobuf <see cref="Value"/> for
    /// lists and nested objects (such as a chat history).
    /// </summary>
    public ImmutableDictionary<string, object?>? InferenceParams { get; init; }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A concept id is invalid, or a parameter has an unsupported type.</exception>
    public void Validate()
    {
        if (MaxConcepts is { } max) { ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxConcepts)); ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 200, nameof(MaxConcepts)); }
        if (MinValue is { } min && !(min is >= 0f and <= 1f)) throw new ArgumentOutOfRangeException(nameof(MinValue), min, "MinValue must be between 0 and 1.");
        if (Temperature is { } t && !(t >= 0 && double.IsFinite(t))) throw new ArgumentOutOfRangeException(nameof(Temperature), t, "Temperature must be a finite number of at least 0.");
        if (MaxTokens is { } tokens) ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1, nameof(MaxTokens));
        foreach (var id in SelectConcepts ?? []) Guard.ConceptId(id, nameof(SelectConcepts));
        foreach (var (key, value) in InferenceParams ?? ImmutableDictionary<string, object?>.Empty)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(InferenceParams));
            _ = ToValue(value, key);
        }
    }

    /// <summary>The model message that carries these options in PostModelOutputs.</summary>
    internal Model ToModel(string modelId, string? versionId)
    {
        var config = new OutputConfig();
        if (MaxConcepts is { } max) config.MaxConcepts = (uint)max;
        if (MinValue is { } min) config.MinValue = min;
        foreach (var id in SelectConcepts ?? []) config.SelectConcepts.Add(new Concept { Id = id });
        var parameters = new Struct();
        if (Temperature is { } t) parameters.Fields["temperature"] = Value.ForNumber(t);
        if (MaxTokens is { } tokens) parameters.Fields["max_tokens"] = Value.ForNumber(tokens);
        foreach (var (key, value) in InferenceParams ?? ImmutableDictionary<string, object?>.Empty) parameters.Fields[key] = ToValue(value, key);
        var outputInfo = new OutputInfo { OutputConfig = config, Params = parameters };
        return new Model { Id = modelId, ModelVersion = new ModelVersion { Id = versionId ?? string.Empty, OutputInfo = outputInfo } };
    }

    private static Value ToValue(object? value, string key) => value switch
    {
        null => Value.ForNull(),
        Value protobuf => protobuf.Clone(),
        string s => Value.ForString(s),
        bool b => Value.ForBool(b),
        int or long or float or double or decimal or short or byte or uint or ulong => Value.ForNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"The inference parameter '{key}' is a {value.GetType().Name}; use a string, a boolean, a number, null or a Google.Protobuf.WellKnownTypes.Value.", nameof(value)),
    };
}
