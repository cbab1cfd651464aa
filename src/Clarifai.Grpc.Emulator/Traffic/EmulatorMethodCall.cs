namespace Clarifai.Grpc.Emulator;

/// <summary>
/// One call of a model method as the local server's runtime decoded it: the model, the method, and each argument by
/// parameter name as the model received it — a <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <c>JsonNode</c>, list, media or concept proto; a value Clarifai's runtime would read as None or
/// 0 (an int sent for a float, JSON sent as text) appears so here too. Arguments left out are absent.
/// </summary>
/// <param name="ModelId">The model.</param>
/// <param name="Method">The method.</param>
/// <param name="Arguments">The arguments, by parameter name.</param>
public sealed record EmulatorMethodCall(string ModelId, string Method, IReadOnlyDictionary<string, object?> Arguments);
