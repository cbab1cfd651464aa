namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>Optional settings of <see cref="ModelService.CreateAsync"/>.</summary>
public sealed record CreateModelOptions
{
    /// <summary>The model type; default <c>embedding-classifier</c>, Clarifai's transfer-learning classifier.</summary>
    public string ModelTypeId { get; init; } = "embedding-classifier";

    /// <summary>Whether an input belongs to at most one concept (the concepts compete). Default <see langword="false"/>.</summary>
    public bool ConceptsMutuallyExclusive { get; init; }

    /// <summary>
    /// Whether training uses only examples labelled with the model's concepts, instead of also treating the app's
    /// other inputs as negatives. Default <see langword="false"/>.
    /// </summary>
    public bool ClosedEnvironment { get; init; }
}
