using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// A built-in model of the current kind: it declares methods (<see cref="Signatures"/>) and takes named, typed
/// arguments as Clarifai's Python runtime passes them (<see cref="MethodDispatch"/> decodes them, as the runtime does).
/// Each method is deterministic, so that tests can assert what arrived.
/// </summary>
internal abstract class SignatureModel : BuiltInModel
{
    /// <summary>The model's methods, as its version's <c>method_signatures</c> and the answer to <c>_GET_SIGNATURES</c>.</summary>
    public abstract IReadOnlyList<MethodSignature> Signatures { get; }

    /// <summary>Calls a unary method.</summary>
    /// <exception cref="RuntimeFailure">The model fails on these arguments.</exception>
    public virtual Task<MethodOutput> InvokeAsync(string method, IReadOnlyDictionary<string, object?> arguments, MethodContext context) =>
        throw new RuntimeFailure($"Method {method} not found in model class");

    /// <summary>Calls a generate method: its results as they are produced.</summary>
    public virtual IAsyncEnumerable<MethodOutput> InvokeGenerateAsync(string method, IReadOnlyDictionary<string, object?> arguments, MethodContext context) =>
        throw new RuntimeFailure($"Method {method} not found in model class");

    /// <summary>Calls a stream method: <paramref name="items"/> are the streamed argument's values, as they arrive.</summary>
    public virtual IAsyncEnumerable<MethodOutput> InvokeStreamAsync(string method, IReadOnlyDictionary<string, object?> arguments, IAsyncEnumerable<object?> items, MethodContext context) =>
        throw new RuntimeFailure($"Method {method} not found in model class");

    /// <summary>Never used: a model with signatures is called through <see cref="MethodDispatch"/>.</summary>
    public sealed override Task<ModelAnswer> PredictAsync(Input input, Struct parameters, ImageFetcher fetcher, CancellationToken cancellationToken) =>
        Task.FromResult(ModelAnswer.Failed("This model is called by its methods"));

    /// <summary>An argument, or the parameter's declared default when it was not given.</summary>
    protected T Argument<T>(string method, IReadOnlyDictionary<string, object?> arguments, string name)
    {
        if (arguments.TryGetValue(name, out var value)) return value is T typed ? typed : default!;
        var field = Signatures.First(s => s.Name == method).InputFields.First(f => f.Name == name);
        return RuntimeCodec.DefaultOf(field) is T fallback ? fallback : default!;
    }
}
