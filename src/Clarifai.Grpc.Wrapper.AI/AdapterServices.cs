namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>What the chat client and the embedding generator share: the model an options' <c>ModelId</c> names, and <c>GetService</c>.</summary>
internal static class AdapterServices
{
    /// <summary>The model named by an options' <c>ModelId</c> (a model id or a clarifai.com model URL), else the adapter's.</summary>
    public static ModelRef ModelOf(string? modelId, ModelRef fallback, string optionsName) =>
        modelId is not { Length: > 0 } id ? fallback
        : ModelRef.TryParse(id, out var other) ? other
        : throw new ArgumentException($"{optionsName}.ModelId '{id}' is neither a model id nor a clarifai.com model URL.", nameof(modelId));

    /// <summary>The M.E.AI <c>GetService</c> rule: unkeyed requests for the metadata, the model, the adapter itself or the Clarifai client.</summary>
    public static object? Get(Type serviceType, object? serviceKey, object adapter, object metadata, ModelRef model, ClarifaiClient client)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == metadata.GetType()) return metadata;
        if (serviceType == typeof(ModelRef)) return model;
        return serviceType.IsInstanceOfType(adapter) ? adapter : serviceType.IsInstanceOfType(client) ? client : null;
    }
}
