using System.Collections;
using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// The methods a model version serves, by name — or none, for a model of the older kind (the prompt in
/// <c>text.raw</c>, settings in <c>output_info.params</c>), which <see cref="ModelMethodService"/> then calls the older way.
/// </summary>
public sealed class ModelMethods : IReadOnlyList<ModelMethod>
{
    private readonly ImmutableArray<ModelMethod> _methods;

    private ModelMethods(ImmutableArray<ModelMethod> methods) => _methods = methods;

    /// <summary>A model of the older kind: no method signatures.</summary>
    public static ModelMethods None { get; } = new([]);

    /// <summary>Whether the model has no method signatures (a model of the older kind).</summary>
    public bool IsOlderKind => _methods.IsEmpty;

    /// <inheritdoc />
    public int Count => _methods.Length;

    /// <inheritdoc />
    public ModelMethod this[int index] => _methods[index];

    /// <summary>Reads a model version's signatures.</summary>
    /// <param name="signatures">The signatures as the API sent them (<c>model_version.method_signatures</c>).</param>
    /// <returns>The methods.</returns>
    /// <exception cref="ArgumentException">Two methods have the same name, or a signature is malformed.</exception>
    public static ModelMethods FromProto(IEnumerable<MethodSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var methods = signatures.Select(ModelMethod.FromProto).ToImmutableArray();
        var duplicate = methods.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"The model declares method '{duplicate.Key}' twice.", nameof(signatures));
        return methods.IsEmpty ? None : new ModelMethods(methods);
    }

    /// <summary>The method named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The method's name.</param>
    /// <returns>The method, or <see langword="null"/>.</returns>
    public ModelMethod? Find(string name)
    {
        foreach (var method in _methods)
        {
            if (method.Name == name) return method;
        }

        return null;
    }

    /// <summary>The method named <paramref name="name"/>.</summary>
    /// <param name="name">The method's name.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The model has no such method (the message names those it has).</exception>
    public ModelMethod Get(string name) =>
        Find(name) ?? throw new ArgumentException(
            IsOlderKind
                ? $"The model has no method signatures (a model of the older kind), so it has no method '{name}'."
                : $"The model has no method '{name}'; its methods: {string.Join(", ", _methods.Select(m => m.Name))}.",
            nameof(name));

    /// <inheritdoc />
    public IEnumerator<ModelMethod> GetEnumerator() => ((IEnumerable<ModelMethod>)_methods).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => IsOlderKind ? "ModelMethods(none: a model of the older kind)" : $"ModelMethods({string.Join(", ", _methods.Select(m => m.Name))})";
}
