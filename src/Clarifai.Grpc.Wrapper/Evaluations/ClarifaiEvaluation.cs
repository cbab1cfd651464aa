using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>An evaluation of a model version: its state and, once evaluated, its figures.</summary>
public sealed class ClarifaiEvaluation
{
    /// <summary>Creates the typed view of an evaluation message.</summary>
    /// <param name="proto">The evaluation as the API returned it.</param>
    public ClarifaiEvaluation(EvalMetrics proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
        State = ClarifaiStatusCodes.ToEvaluationState(Status.Code);
        Concepts = [.. proto.BinaryMetrics.Select(b => new ClarifaiConceptMetrics(b))];
    }

    /// <summary>The evaluation's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The evaluated model's id.</summary>
    public string ModelId => Proto.Model?.Id ?? string.Empty;

    /// <summary>The evaluated model version's id.</summary>
    public string ModelVersionId => Proto.Model?.ModelVersion?.Id ?? string.Empty;

    /// <summary>The ground-truth dataset's id, or <see langword="null"/> when the app's labelled inputs were used.</summary>
    public string? DatasetId => Proto.GroundTruthDataset is { Id.Length: > 0 } dataset ? dataset.Id : null;

    /// <summary>The state, from <see cref="Status"/>.</summary>
    public EvaluationState State { get; }

    /// <summary>The evaluation's status: 21303 queued, 21301 evaluating, 21300 evaluated, or a failure code.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Whether the evaluation has ended, well (<see cref="EvaluationState.Evaluated"/>) or not (<see cref="EvaluationState.Failed"/>).</summary>
    public bool IsFinal => State is EvaluationState.Evaluated or EvaluationState.Failed;

    /// <summary>The mean ROC AUC over the concepts.</summary>
    public float RocAuc => Proto.Summary?.MacroAvgRocAuc ?? 0;

    /// <summary>The mean F1 score over the concepts.</summary>
    public float F1 => Proto.Summary?.MacroAvgF1Score ?? 0;

    /// <summary>The mean precision over the concepts.</summary>
    public float Precision => Proto.Summary?.MacroAvgPrecision ?? 0;

    /// <summary>The mean recall over the concepts.</summary>
    public float Recall => Proto.Summary?.MacroAvgRecall ?? 0;

    /// <summary>Per concept figures, when read with <see cref="EvaluationDetails.ConceptMetrics"/>; empty otherwise.</summary>
    public IReadOnlyList<ClarifaiConceptMetrics> Concepts { get; }

    /// <summary>The message as the API returned it (confusion matrix, test set and the rest, as read).</summary>
    public EvalMetrics Proto { get; }

    /// <inheritdoc />
    public override string ToString() => State == EvaluationState.Evaluated
        ? $"Evaluation {Id} of model {ModelId} version {ModelVersionId}: ROC AUC {RocAuc:0.###}, F1 {F1:0.###}"
        : $"Evaluation {Id} of model {ModelId} version {ModelVersionId}: {State} ({Status})";
}
