namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// How a model method is called (the signature's <c>method_type</c>), which decides the RPC: Clarifai's runtime streams
/// a unary method's string one character per message when it is called through the wrong one, so the kind always comes
/// from the signature.
/// </summary>
public enum ModelMethodKind
{
    /// <summary>One request, one answer (<c>UNARY_UNARY</c>, Python's <c>predict</c>): PostModelOutputs, up to 128 inputs.</summary>
    Unary = 1,

    /// <summary>One request, a stream of answers (<c>UNARY_STREAMING</c>, Python's <c>generate</c>): GenerateModelOutputs, one input.</summary>
    Generate = 2,

    /// <summary>A stream of requests and of answers (<c>STREAMING_STREAMING</c>, Python's <c>stream</c>): StreamModelOutputs, one input per message.</summary>
    Stream = 4,
}
