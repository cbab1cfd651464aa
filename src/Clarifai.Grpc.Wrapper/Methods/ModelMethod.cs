using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// One method a model serves (its <c>MethodSignature</c>): the name, how it is called, its parameters in order and its
/// result. Immutable; read with <see cref="ModelMethodService.GetAsync"/>.
/// </summary>
public sealed class ModelMethod
{
    private ModelMethod(MethodSignature proto, ModelMethodKind? kind, ImmutableArray<MethodField> parameters, MethodField returns)
    {
        Proto = proto;
        KindOrNull = kind;
        Parameters = parameters;
        Returns = returns;
        StreamedParameter = parameters.FirstOrDefault(p => p.IsStreamed);
    }

    /// <summary>The method's name, as sent in <c>_method_name</c>.</summary>
    public string Name => Proto.Name;

    /// <summary>How the method is called, which decides the RPC.</summary>
    /// <exception cref="NotSupportedException">The model declares a method type this library cannot call (for example stream-to-unary).</exception>
    public ModelMethodKind Kind => KindOrNull ?? throw new NotSupportedException($"Method '{Name}' is of type {Proto.MethodType}, which Clarifai's clients cannot call.");

    /// <summary>What the model's author wrote about it.</summary>
    public string Description => Proto.Description;

    /// <summary>The parameters, in the signature's order.</summary>
    public ImmutableArray<MethodField> Parameters { get; }

    /// <summary>The result (named <c>return</c>); <see cref="MethodField.IsStreamed"/> for generate and stream methods.</summary>
    public MethodField Returns { get; }

    /// <summary>The parameter whose values a stream method takes one per message, or <see langword="null"/>.</summary>
    public MethodField? StreamedParameter { get; }

    /// <summary>The signature as the API sent it.</summary>
    public MethodSignature Proto { get; }

    internal ModelMethodKind? KindOrNull { get; }

    /// <summary>The parameter named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The parameter, or <see langword="null"/>.</returns>
    public MethodField? FindParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name) return parameter;
        }

        return null;
    }

    /// <summary>Reads a method signature.</summary>
    /// <param name="proto">The signature as the API sent it.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The signature has no name or no result.</exception>
    public static ModelMethod FromProto(MethodSignature proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        if (proto.Name.Length == 0) throw new ArgumentException("A method signature without a name.", nameof(proto));
        if (proto.OutputFields.Count == 0) throw new ArgumentException($"Method '{proto.Name}' declares no result.", nameof(proto));
        ModelMethodKind? kind = proto.MethodType switch
        {
            RunnerMethodType.UnaryUnary => ModelMethodKind.Unary,
            RunnerMethodType.UnaryStreaming => ModelMethodKind.Generate,
            RunnerMethodType.StreamingStreaming => ModelMethodKind.Stream,
            _ => null,
        };
        return new ModelMethod(proto, kind, [.. proto.InputFields.Select(MethodField.FromProto)], MethodField.FromProto(proto.OutputFields[0]));
    }

    /// <summary>The method as Python writes it: <c>def predict(prompt: str = "", max_tokens: int = 512) -&gt; str</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"def {Name}({string.Join(", ", Parameters)}) -> {Returns.TypeName}";
}
