using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>Trains model versions and waits for training to end. Reach it through <see cref="ClarifaiClient.ModelVersions"/>.</summary>
public class ModelVersionService
{
    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly PollingSettings _polling = null!;

    internal ModelVersionService(ClarifaiCallExecutor executor, PollingSettings polling)
    {
        _executor = executor;
        _polling = polling;
    }

    /// <summary>For mocking only.</summary>
    protected ModelVersionService()
    {
    }

    /// <summary>
    /// Starts training a new version of the model (PostModelVersions) on the app's inputs labelled with the model's
    /// concepts. Returns at once, typically with the version queued (21103); see <see cref="WaitForTrainingAsync"/>.
    /// </summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    /// <remarks>Never retried once it may have reached the server: each call starts one training.</remarks>
    /// <exception cref="ArgumentException">The id is null, empty or invalid.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused to train.</exception>
    public virtual async Task<ClarifaiModelVersion> TrainAsync(string modelId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ModelService.CheckModelId(modelId);
        var request = new PostModelVersionsRequest { ModelId = modelId, ModelVersions = { new ModelVersion() } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelVersions, request, new(callSettings, cancellationToken) { Check = static r =>
            r.Model?.ModelVersion is null
                ? new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = "The response holds no model version." }, ClarifaiRpcs.PostModelVersions.Name)
                : null }).ConfigureAwait(false);
        return new ClarifaiModelVersion(modelId, response.Model.ModelVersion);
    }

    /// <summary>Reads a model version, with its training state.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="versionId">The version's id.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentException">An id is null or empty.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such model or version.</exception>
    public virtual async Task<ClarifaiModelVersion> GetAsync(string modelId, string versionId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ModelService.CheckModelId(modelId);
        Guard.Id(versionId, nameof(versionId), "model version id");
        var request = new GetModelVersionRequest { ModelId = modelId, VersionId = versionId };
        var response = await _executor.CallAsync(ClarifaiRpcs.GetModelVersion, request, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiModelVersion(modelId, response.ModelVersion);
    }

    /// <summary>
    /// Polls the version, with the backoff of <see cref="ClarifaiClientOptions.Polling"/>, until training ends.
    /// </summary>
    /// <param name="version">The version, as returned by <see cref="TrainAsync"/> or <see cref="GetAsync"/>.</param>
    /// <param name="timeout">How long to wait in all; default <see cref="PollingSettings.Timeout"/>.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The version, trained (21100).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="version"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero or negative.</exception>
    /// <exception cref="ClarifaiModelTrainingFailedException">Training failed (21105, 21106, 21108–21119); the code says why.</exception>
    /// <exception cref="TimeoutException">Training had not ended when the timeout passed.</exception>
    public virtual Task<ClarifaiModelVersion> WaitForTrainingAsync(ClarifaiModelVersion version, TimeSpan? timeout = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var limit = timeout ?? _polling.Timeout;
        Guard.Timeout(limit, nameof(timeout));
        return TrainingOperation(version, callSettings).WaitForCompletionAsync(_polling with { Timeout = limit }, cancellationToken);
    }

    /// <summary>Starts training a new version (PostModelVersions) and returns the training as an operation to follow.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="callSettings">Settings for the call and the polls over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The training; its <see cref="ClarifaiOperation{T}.Id"/> follows it from another process.</returns>
    /// <exception cref="ArgumentException">The model id breaks the id rule.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example 21200: no such model).</exception>
    public virtual async Task<ClarifaiOperation<ClarifaiModelVersion>> StartTrainingAsync(string modelId, CallSettings? callSettings = null, CancellationToken cancellationToken = default) =>
        TrainingOperation(await TrainAsync(modelId, callSettings, cancellationToken).ConfigureAwait(false), callSettings);

    /// <summary>The training of a version as an operation, from the version as last seen.</summary>
    /// <param name="version">The version.</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation.</returns>
    public virtual ClarifaiOperation<ClarifaiModelVersion> TrainingOperation(ClarifaiModelVersion version, CallSettings? callSettings = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        callSettings?.Validate();
        return new ModelTrainingOperation(this, version, _polling, _executor.Time, callSettings);
    }

    /// <summary>Follows a training started elsewhere, from its <see cref="ClarifaiOperation{T}.Id"/> (<c>{modelId}/{versionId}</c>).</summary>
    /// <param name="operationId">The id.</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation; call <see cref="ClarifaiOperation{T}.UpdateStatusAsync"/> or wait for it.</returns>
    /// <exception cref="ArgumentException">The id is not <c>{modelId}/{versionId}</c>.</exception>
    public virtual ClarifaiOperation<ClarifaiModelVersion> TrainingOperation(string operationId, CallSettings? callSettings = null)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        var parts = operationId.Split('/');
        if (parts.Length != 2 || !Guard.IsValidId(parts[0]) || !Guard.IsValidId(parts[1]))
        {
            throw new ArgumentException($"'{operationId}' is not a training operation id ({{modelId}}/{{versionId}}).", nameof(operationId));
        }

        return TrainingOperation(new ClarifaiModelVersion(parts[0], new ModelVersion { Id = parts[1] }), callSettings);
    }

    /// <summary>Lists a model's versions, a page (ListModelVersions) at a time as the enumeration goes.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="pageSize">Versions per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The versions, each with its training state.</returns>
    /// <exception cref="ArgumentException">The model id breaks the id rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<ClarifaiModelVersion> ListAsync(string modelId, int? pageSize = null, CallSettings? callSettings = null)
    {
        ModelService.CheckModelId(modelId);
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiModelVersion>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListModelVersionsRequest { ModelId = modelId, Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListModelVersions, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.ModelVersions.Select(v => new ClarifaiModelVersion(modelId, v)).ToList();
            },
            pageSize);
    }

    /// <summary>Deletes one version of a model (DeleteModelVersion).</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="versionId">The version's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the version is deleted.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such model or version.</exception>
    public virtual async Task DeleteAsync(string modelId, string versionId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ModelService.CheckModelId(modelId);
        Guard.Id(versionId, nameof(versionId), "model version id");
        var request = new DeleteModelVersionRequest { ModelId = modelId, VersionId = versionId };
        await _executor.CallAsync(ClarifaiRpcs.DeleteModelVersion, request, callSettings, cancellationToken).ConfigureAwait(false);
    }
}
