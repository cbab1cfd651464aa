using System.Collections.Immutable;
using System.Text;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// A parameter or the result of a model method, or an element type inside one (a list's item, a tuple's items, named
/// fields): its name, its declared <see cref="MethodValueType"/>, and for parameters whether it is required, its default
/// and whether it is an inference parameter. Read from the model version's <c>method_signatures</c>.
/// </summary>
public sealed class MethodField
{
    private MethodField(ModelTypeField proto, ImmutableArray<MethodField> typeArguments)
    {
        Proto = proto;
        TypeArguments = typeArguments;
        Type = Enum.IsDefined((MethodValueType)proto.Type) ? (MethodValueType)proto.Type : MethodValueType.Unknown;
    }

    /// <summary>The name: the parameter's, <c>return</c> for a result, a field's name inside named fields.</summary>
    public string Name => Proto.Name;

    /// <summary>The declared type.</summary>
    public MethodValueType Type { get; }

    /// <summary>
    /// The inner types: a list's one item type, a tuple's item types in order, the named fields (each with its name);
    /// empty for other types.
    /// </summary>
    public ImmutableArray<MethodField> TypeArguments { get; }

    /// <summary>Whether the value is a stream of items of <see cref="Type"/> (the streamed parameter of a stream method, a generate method's result).</summary>
    public bool IsStreamed => Proto.Iterator;

    /// <summary>Whether a call must give this parameter (it has no default).</summary>
    public bool IsRequired => Proto.Required;

    /// <summary>Whether this is an inference parameter (a setting such as <c>temperature</c>) rather than data.</summary>
    public bool IsParam => Proto.IsParam;

    /// <summary>
    /// The default as the model declared it — JSON text (<c>512</c>, <c>0.7</c>, <c>null</c>, <c>[]</c>) or, for a string,
    /// the text itself — or <see langword="null"/> for a required parameter. The model applies it when the parameter is left out.
    /// </summary>
    public string? Default => Proto.Required ? null : Proto.Default;

    /// <summary>Whether the default is <c>None</c>: the parameter may be left out or given <see langword="null"/>.</summary>
    public bool DefaultsToNone => !Proto.Required && Proto.Default is "null" or "None";

    /// <summary>What the model's author wrote about it.</summary>
    public string Description => Proto.Description;

    /// <summary>The field as the API sent it.</summary>
    public ModelTypeField Proto { get; }

    /// <summary>The type as Python writes it: <c>str</c>, <c>List[int]</c>, <c>Tuple[str, Image]</c>, <c>Iterator[str]</c>.</summary>
    public string TypeName => IsStreamed ? $"Iterator[{BaseTypeName}]" : BaseTypeName;

    private string BaseTypeName => Type switch
    {
        MethodValueType.Str => "str",
        MethodValueType.Bytes => "bytes",
        MethodValueType.Int => "int",
        MethodValueType.Float => "float",
        MethodValueType.Bool => "bool",
        MethodValueType.NDArray => "np.ndarray",
        MethodValueType.Json => "JSON",
        MethodValueType.List => $"List[{(TypeArguments.IsEmpty ? "?" : TypeArguments[0].BaseTypeName)}]",
        MethodValueType.Tuple => $"Tuple[{string.Join(", ", TypeArguments.Select(t => t.BaseTypeName))}]",
        MethodValueType.NamedFields => $"NamedFields({string.Join(", ", TypeArguments.Select(t => $"{t.Name}={t.BaseTypeName}"))})",
        MethodValueType.Unknown => $"<type {(int)Proto.Type}>",
        var other => other.ToString(),
    };

    /// <summary>Reads a field of a signature (and its inner types).</summary>
    /// <param name="proto">The field as the API sent it.</param>
    /// <returns>The field.</returns>
    public static MethodField FromProto(ModelTypeField proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        return new MethodField(proto, [.. proto.TypeArgs.Select(FromProto)]);
    }

    /// <summary>The parameter as Python writes it: <c>max_tokens: int = 512</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(": ").Append(TypeName);
        if (Default is { } value) text.Append(" = ").Append(Type is MethodValueType.Str && !value.StartsWith('"') && value != "null" ? $"\"{value}\"" : value);
        return text.ToString();
    }
}
