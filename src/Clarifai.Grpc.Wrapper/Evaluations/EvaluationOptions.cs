namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>What to evaluate a model version on, and under which id.</summary>
public sealed record EvaluationOptions
{
    /// <summary>
    /// The ground-truth dataset, or <see langword="null"/> to evaluate on every input of the app labelled with the
    /// model's concepts.
    /// </summary>
    public string? DatasetId { get; init; }

    /// <summary>A version of <see cref="DatasetId"/> (its inputs as they were frozen), or <see langword="null"/> for the dataset as it is.</summary>
    public string? DatasetVersionId { get; init; }

    /// <summary>The evaluation's id, or <see langword="null"/> for one the server picks; an id in use is evaluated again.</summary>
    public string? EvaluationId { get; init; }
}
