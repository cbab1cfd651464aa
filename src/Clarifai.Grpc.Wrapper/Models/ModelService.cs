using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>Creates and reads models. Reach it through <see cref="ClarifaiClient.Models"/>.</summary>
public class ModelService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal ModelService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected ModelService()
    {
    }

    /// <summary>
    /// Creates a model (PostModels) that predicts <paramref name="concepts"/>. The answer carries the model's first
    /// version, untrained (21102): train it with <see cref="ModelVersionService.TrainAsync"/>.
    /// </summary>
    /// <param name="modelId">The new model's id: letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="concepts">The concept ids to predict; at least one.</param>
    /// <param name="options">Model type and output configuration; defaults when <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    /// <remarks>Not retried once it may have reached the server (see <see cref="RetrySettings"/>).</remarks>
    /// <exception cref="ArgumentException">The id is empty or invalid, or there are no concepts.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, for example because the model id exists.</exception>
    public virtual async Task<ClarifaiModel> CreateAsync(string modelId, IEnumerable<string> concepts, CreateModelOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        CheckModelId(modelId);
        ArgumentNullException.ThrowIfNull(concepts);
        var conceptIds = concepts.ToList();
        if (conceptIds.Count == 0) throw new ArgumentException("At least one concept is required.", nameof(concepts));
        foreach (var concept in conceptIds) Guard.ConceptId(concept, nameof(concepts));
        if (conceptIds.Distinct(StringComparer.Ordinal).Count() != conceptIds.Count) throw new ArgumentException("A concept is listed twice.", nameof(concepts));
        options ??= new CreateModelOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelTypeId, nameof(options));

        var model = new Model { Id = modelId, ModelTypeId = options.ModelTypeId };
#pragma warning disable CS0612 // Model.output_info is deprecated upstream, yet it is how PostModels takes a classifier's concepts.
        model.OutputInfo = ModelOutputParameters.Create(conceptIds, options.ConceptsMutuallyExclusive, options.ClosedEnvironment);
#pragma warning restore CS0612
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModels, new PostModelsRequest { Models = { model } }, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiModel(response.Model);
    }

    internal static void CheckModelId(string modelId, string paramName = "modelId") => Guard.Id(modelId, paramName, "model id");

    /// <summary>Lists the app's models, a page (ListModels) at a time as the enumeration goes.</summary>
    /// <param name="pageSize">Models per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The models.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<ClarifaiModel> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiModel>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListModelsRequest { Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListModels, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Models.Select(m => new ClarifaiModel(m)).ToList();
            },
            pageSize);
    }

    /// <summary>Deletes a model with all its versions (DeleteModel).</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the model is deleted.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such model.</exception>
    public virtual async Task DeleteAsync(string modelId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        CheckModelId(modelId);
        await _executor.CallAsync(ClarifaiRpcs.DeleteModel, new DeleteModelRequest { ModelId = modelId }, callSettings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a model — of the client's app by id (a string converts), or of any app (see <see cref="ModelRef"/>) — with its latest version.</summary>
    /// <param name="model">The model: its id, or a reference.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The reference is invalid.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such model.</exception>
    public virtual async Task<ClarifaiModel> GetAsync(ModelRef model, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        var response = await _executor.CallAsync(ClarifaiRpcs.GetModel, new GetModelRequest { ModelId = model.ModelId }, model.AddressedBy(callSettings), cancellationToken).ConfigureAwait(false);
        return new ClarifaiModel(response.Model);
    }
}
