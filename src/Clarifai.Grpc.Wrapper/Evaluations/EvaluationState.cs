namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>The state of a model evaluation, translated from Clarifai's 213xx status codes.</summary>
public enum EvaluationState
{
    /// <summary>A code that is not an evaluation state.</summary>
    Unknown = 0,

    /// <summary>21303 MODEL_QUEUED_FOR_EVALUATION: the evaluation waits for an evaluator.</summary>
    Queued,

    /// <summary>21301 MODEL_EVALUATING: the evaluation is running.</summary>
    Evaluating,

    /// <summary>21300 MODEL_EVALUATED: the figures are ready.</summary>
    Evaluated,

    /// <summary>21302 MODEL_NOT_EVALUATED: the model version has no evaluation.</summary>
    NotEvaluated,

    /// <summary>21310–21317: the evaluation failed; the status code says why (21315 too few labels, 21316 too few inputs).</summary>
    Failed,
}
