namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>
/// The parts of an evaluation to read beyond its summary (the API's <c>FieldsValue</c>): each makes the answer larger,
/// the test set most of all.
/// </summary>
[Flags]
public enum EvaluationDetails
{
    /// <summary>The summary only.</summary>
    None = 0,

    /// <summary>Per concept figures: ROC AUC, F1, average precision, counts, ROC and precision-recall curves.</summary>
    ConceptMetrics = 1,

    /// <summary>The confusion matrix.</summary>
    ConfusionMatrix = 2,

    /// <summary>How often concepts are labelled on the same input.</summary>
    CooccurrenceMatrix = 4,

    /// <summary>The number of inputs labelled with each concept.</summary>
    LabelCounts = 8,

    /// <summary>Each evaluated input with its labels and the held-out prediction.</summary>
    TestSet = 16,

    /// <summary>Everything above.</summary>
    All = ConceptMetrics | ConfusionMatrix | CooccurrenceMatrix | LabelCounts | TestSet,
}
