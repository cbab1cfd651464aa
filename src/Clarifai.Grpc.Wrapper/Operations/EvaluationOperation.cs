namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// A model evaluation (21303 queued → 21301 evaluating → 21300 evaluated, or a failure state), followed by
/// GetEvaluation polls that read the per-concept figures too. Its <see cref="Id"/> is the evaluation's id.
/// </summary>
internal sealed class EvaluationOperation : PolledOperation<ClarifaiEvaluation>
{
    private readonly EvaluationService _evaluations;
    private readonly CallSettings? _settings;
    private ClarifaiEvaluation _current;

    public EvaluationOperation(EvaluationService evaluations, ClarifaiEvaluation current, PollingSettings polling, TimeProvider time, CallSettings? settings)
        : base(polling, time)
    {
        _evaluations = evaluations;
        _current = current;
        _settings = settings;
    }

    public override string Id => _current.Id;

    /// <summary>Evaluated or failed — or any other code that is not a step of an evaluation, which no poll would change.</summary>
    public override bool HasCompleted => _current.IsFinal
        || (_current.State is EvaluationState.Unknown or EvaluationState.NotEvaluated && _current.Status.Code != Clarifai.Api.Status.StatusCode.Zero);

    public override ClarifaiEvaluation Value => _current.State switch
    {
        EvaluationState.Evaluated => _current,
        _ when HasCompleted => throw new ClarifaiException(_current.Status, "evaluation " + _current.Id + " of model " + _current.ModelId),
        _ => throw new InvalidOperationException($"Evaluation {_current.Id} has not completed ({_current.State})."),
    };

    public override async Task UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        _current = await _evaluations.GetAsync(_current.Id, EvaluationDetails.ConceptMetrics, _settings, cancellationToken).ConfigureAwait(false);

    protected override string Progress => $"evaluation {_current.Id} is {_current.State}";

    /// <summary>The figures per concept: an evaluation that ended before the first poll has only its summary so far.</summary>
    protected override Task CompleteAsync(CancellationToken cancellationToken) =>
        _current.State == EvaluationState.Evaluated && _current.Concepts.Count == 0 ? UpdateStatusAsync(cancellationToken) : Task.CompletedTask;
}
