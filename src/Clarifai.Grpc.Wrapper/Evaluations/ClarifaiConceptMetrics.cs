using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>How well a model tells one concept apart, from an evaluation.</summary>
public sealed class ClarifaiConceptMetrics
{
    /// <summary>Creates the typed view of a concept's binary metrics.</summary>
    /// <param name="proto">The metrics as the API returned them.</param>
    public ClarifaiConceptMetrics(BinaryMetrics proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The concept's id.</summary>
    public string ConceptId => Proto.Concept?.Id ?? string.Empty;

    /// <summary>The inputs labelled with the concept.</summary>
    public int Positives => (int)Proto.NumPos;

    /// <summary>The inputs that count as not having it.</summary>
    public int Negatives => (int)Proto.NumNeg;

    /// <summary>The area under the ROC curve: the chance that a positive input scores above a negative one.</summary>
    public float RocAuc => Proto.RocAuc;

    /// <summary>The F1 score at the evaluation's threshold.</summary>
    public float F1 => Proto.F1;

    /// <summary>The average precision over the precision-recall curve.</summary>
    public float AveragePrecision => Proto.AvgPrecision;

    /// <summary>The message as the API returned it, with the ROC and precision-recall curves.</summary>
    public BinaryMetrics Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ConceptId}: ROC AUC {RocAuc:0.###}, F1 {F1:0.###} ({Positives} positive, {Negatives} negative)";
}
