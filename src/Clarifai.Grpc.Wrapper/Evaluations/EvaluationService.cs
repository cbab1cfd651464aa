using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Evaluations;

/// <summary>
/// Evaluates trained model versions and reads the figures (PostEvaluations, GetEvaluation, ListModelVersionEvaluations,
/// as Clarifai's Python SDK calls them). An evaluation runs on Clarifai's side: start it and follow it as an operation,
/// or await <see cref="EvaluateAsync"/>. Reach it through <see cref="ClarifaiClient.Evaluations"/>.
/// </summary>
public class EvaluationService
{
    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly PollingSettings _polling = null!;

    internal EvaluationService(ClarifaiCallExecutor executor, PollingSettings polling)
    {
        _executor = executor;
        _polling = polling;
    }

    /// <summary>For mocking only.</summary>
    protected EvaluationService()
    {
    }

    /// <summary>Starts evaluating a model version (PostEvaluations) and returns the evaluation as an operation to follow.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="versionId">The trained version's id.</param>
    /// <param name="options">The ground-truth dataset and the evaluation's id, or <see langword="null"/> for the app's labelled inputs.</param>
    /// <param name="callSettings">Settings for the call and the polls over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The evaluation; its <see cref="ClarifaiOperation{T}.Id"/> follows it from another process.</returns>
    /// <remarks>Never retried once it may have reached the server: each call starts one evaluation.</remarks>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example 21200: no such model or version; 21317: the version is not trained).</exception>
    public virtual async Task<ClarifaiOperation<ClarifaiEvaluation>> StartAsync(string modelId, string versionId, EvaluationOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var request = new PostEvaluationsRequest { EvalMetrics = { Describe(modelId, versionId, options ?? new EvaluationOptions()) } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostEvaluations, request, new(callSettings, cancellationToken) { Check = static r =>
            r.EvalMetrics.Count != 1
                ? new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = $"The response holds {r.EvalMetrics.Count} evaluations, not 1." }, ClarifaiRpcs.PostEvaluations.Name)
                : null }).ConfigureAwait(false);
        return Operation(new ClarifaiEvaluation(response.EvalMetrics[0]), callSettings);
    }

    /// <summary>
    /// Evaluates a model version and waits, with the backoff of <see cref="ClarifaiClientOptions.Polling"/>, for the
    /// figures (read with <see cref="EvaluationDetails.ConceptMetrics"/>).
    /// </summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="versionId">The trained version's id.</param>
    /// <param name="options">The ground-truth dataset and the evaluation's id, or <see langword="null"/> for the app's labelled inputs.</param>
    /// <param name="callSettings">Settings for the call and the polls over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call and the wait.</param>
    /// <returns>The evaluation, evaluated (21300).</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or the evaluation failed (21315 too few labels, 21316 too few inputs, …).</exception>
    /// <exception cref="TimeoutException">The evaluation had not ended within <see cref="PollingSettings.Timeout"/>.</exception>
    public virtual async Task<ClarifaiEvaluation> EvaluateAsync(string modelId, string versionId, EvaluationOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var operation = await StartAsync(modelId, versionId, options, callSettings, cancellationToken).ConfigureAwait(false);
        return await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an evaluation (GetEvaluation): its state and summary, and the details asked for.</summary>
    /// <param name="evaluationId">The evaluation's id.</param>
    /// <param name="details">The parts to read beyond the summary.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such evaluation.</exception>
    public virtual async Task<ClarifaiEvaluation> GetAsync(string evaluationId, EvaluationDetails details = EvaluationDetails.None, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(evaluationId, nameof(evaluationId), "evaluation id");
        var request = new GetEvaluationRequest { EvaluationId = evaluationId, Fields = Fields(details) };
        var response = await _executor.CallAsync(ClarifaiRpcs.GetEvaluation, request, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiEvaluation(response.EvalMetrics ?? new EvalMetrics { Id = evaluationId });
    }

    /// <summary>Lists a model version's evaluations, newest first, a page (ListModelVersionEvaluations) at a time.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="versionId">The version's id.</param>
    /// <param name="pageSize">Evaluations per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The evaluations, each with its state and summary.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<ClarifaiEvaluation> ListAsync(string modelId, string versionId, int? pageSize = null, CallSettings? callSettings = null)
    {
        ModelService.CheckModelId(modelId);
        Guard.Id(versionId, nameof(versionId), "model version id");
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiEvaluation>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListModelVersionEvaluationsRequest { ModelId = modelId, ModelVersionId = versionId, Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListModelVersionEvaluations, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.EvalMetrics.Select(e => new ClarifaiEvaluation(e)).ToList();
            },
            pageSize);
    }

    /// <summary>The evaluation as an operation, from the evaluation as last seen.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation.</returns>
    public virtual ClarifaiOperation<ClarifaiEvaluation> Operation(ClarifaiEvaluation evaluation, CallSettings? callSettings = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        callSettings?.Validate();
        return new EvaluationOperation(this, evaluation, _polling, _executor.Time, callSettings);
    }

    /// <summary>Follows an evaluation started elsewhere, from its id.</summary>
    /// <param name="evaluationId">The evaluation's id (the operation's <see cref="ClarifaiOperation{T}.Id"/>).</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation; call <see cref="ClarifaiOperation{T}.UpdateStatusAsync"/> or wait for it.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    public virtual ClarifaiOperation<ClarifaiEvaluation> Operation(string evaluationId, CallSettings? callSettings = null)
    {
        Guard.Id(evaluationId, nameof(evaluationId), "evaluation id");
        return Operation(new ClarifaiEvaluation(new EvalMetrics { Id = evaluationId }), callSettings);
    }

    private static EvalMetrics Describe(string modelId, string versionId, EvaluationOptions options)
    {
        ModelService.CheckModelId(modelId);
        Guard.Id(versionId, nameof(versionId), "model version id");
        var metrics = new EvalMetrics { Model = new Model { Id = modelId, ModelVersion = new ModelVersion { Id = versionId } } };
        if (options.EvaluationId is { } id)
        {
            Guard.Id(id, nameof(options), "evaluation id");
            metrics.Id = id;
        }

        if (options.DatasetId is { } datasetId)
        {
            Guard.Id(datasetId, nameof(options), "dataset id");
            metrics.GroundTruthDataset = new Dataset { Id = datasetId };
            if (options.DatasetVersionId is { } datasetVersionId)
            {
                Guard.Id(datasetVersionId, nameof(options), "dataset version id");
                metrics.GroundTruthDataset.Version = new DatasetVersion { Id = datasetVersionId };
            }
        }
        else if (options.DatasetVersionId is not null)
        {
            throw new ArgumentException("A dataset version needs its dataset: set EvaluationOptions.DatasetId too.", nameof(options));
        }

        return metrics;
    }

    private static FieldsValue Fields(EvaluationDetails details) => new()
    {
        BinaryMetrics = details.HasFlag(EvaluationDetails.ConceptMetrics),
        ConfusionMatrix = details.HasFlag(EvaluationDetails.ConfusionMatrix),
        CooccurrenceMatrix = details.HasFlag(EvaluationDetails.CooccurrenceMatrix),
        LabelCounts = details.HasFlag(EvaluationDetails.LabelCounts),
        TestSet = details.HasFlag(EvaluationDetails.TestSet),
    };
}
