namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Clarifai's documented limits, checked by the client before anything is sent so that an oversize request fails at
/// once with an <see cref="ArgumentException"/> instead of being sent, refused and retried.
/// </summary>
public static class ClarifaiLimits
{
    /// <summary>Inputs per PostInputs or PostModelOutputs request: 128.</summary>
    public const int MaxInputsPerRequest = 128;

    /// <summary>Inputs per PostWorkflowResults request: 32.</summary>
    public const int MaxWorkflowInputs = 32;

    /// <summary>Bytes of one image sent as content: Clarifai takes images under 20 MB.</summary>
    public const int MaxImageBytes = 20 * 1024 * 1024;

    /// <summary>Pixels of one image: 85 megapixels. The server checks it (the client does not decode images).</summary>
    public const long MaxImagePixels = 85_000_000;

    /// <summary>Encoded bytes of one request: Clarifai takes batches under 128 MB.</summary>
    public const int MaxRequestBytes = 128 * 1024 * 1024;
}
