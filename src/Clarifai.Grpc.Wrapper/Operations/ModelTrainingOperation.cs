namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The training of a model version (21103 queued → 21101 training → 21100 trained, or a failure state), followed by
/// GetModelVersion polls. Its <see cref="Id"/> is <c>{modelId}/{versionId}</c>.
/// </summary>
internal sealed class ModelTrainingOperation : PolledOperation<ClarifaiModelVersion>
{
    private readonly ModelVersionService _versions;
    private readonly CallSettings? _settings;
    private ClarifaiModelVersion _current;

    public ModelTrainingOperation(ModelVersionService versions, ClarifaiModelVersion current, PollingSettings polling, TimeProvider time, CallSettings? settings)
        : base(polling, time)
    {
        _versions = versions;
        _current = current;
        _settings = settings;
    }

    public override string Id => _current.ModelId + "/" + _current.Id;

    /// <summary>Trained or failed — and, since no poll could ever change it, untrained with no training under way.</summary>
    public override bool HasCompleted => _current.State is ModelVersionState.Trained or ModelVersionState.Failed or ModelVersionState.Untrained
        || (_current.State == ModelVersionState.Unknown && _current.Status.Code != Clarifai.Api.Status.StatusCode.Zero);

    public override ClarifaiModelVersion Value => _current.State switch
    {
        ModelVersionState.Trained => _current,
        ModelVersionState.Failed => throw new ClarifaiModelTrainingFailedException(_current),
        ModelVersionState.Untrained => throw new InvalidOperationException($"Model {_current.ModelId} version {_current.Id} is untrained (21102) and no training is under way: start one with TrainAsync."),
        ModelVersionState.Unknown when _current.Status.Code != Clarifai.Api.Status.StatusCode.Zero =>
            throw new ClarifaiException(_current.Status, "training of model " + _current.ModelId + " version " + _current.Id),
        _ => throw new InvalidOperationException($"The training of model {_current.ModelId} version {_current.Id} has not completed ({_current.State})."),
    };

    public override async Task UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        _current = await _versions.GetAsync(_current.ModelId, _current.Id, _settings, cancellationToken).ConfigureAwait(false);

    protected override string Progress => $"model {_current.ModelId} version {_current.Id} is {_current.State}";
}
