using System.Collections;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// The arguments of one call of a model method, by parameter name. Each value is encoded by the parameter's declared
/// type (see <see cref="MethodValueType"/> for the .NET values each type takes) and checked before anything is sent; a
/// parameter left out gets the model's default.
/// </summary>
/// <example><code>
/// var arguments = new MethodArguments { ["prompt"] = "What is in this image?", ["max_tokens"] = 64, ["temperature"] = 0.2 };
/// </code></example>
public sealed class MethodArguments : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>The number of arguments.</summary>
    public int Count => _values.Count;

    /// <summary>The argument for parameter <paramref name="name"/>; setting it again replaces it.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="KeyNotFoundException">Getting an argument that was not given.</exception>
    public object? this[string name]
    {
        get => _values[name];
        set => _values[CheckedName(name)] = value;
    }

    /// <summary>Adds the argument for parameter <paramref name="name"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The name is empty or was given already.</exception>
    public void Add(string name, object? value)
    {
        if (!_values.TryAdd(CheckedName(name), value)) throw new ArgumentException($"Argument '{name}' is given twice.", nameof(name));
    }

    /// <summary>Whether an argument for parameter <paramref name="name"/> was given.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>Whether it was given.</returns>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The argument for parameter <paramref name="name"/>, if given.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was given.</returns>
    public bool TryGetValue(string name, out object? value) => _values.TryGetValue(name, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The names only: values may be private.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"MethodArguments({string.Join(", ", _values.Keys)})";

    private static string CheckedName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }
}
