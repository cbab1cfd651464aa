using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Datasets;

/// <summary>
/// Creates, reads, lists and deletes datasets, puts the app's inputs in them and takes them out, and freezes them as
/// versions (PostDatasets, GetDataset, ListDatasets, DeleteDatasets, PostDatasetInputs, ListDatasetInputs,
/// DeleteDatasetInputs, PostDatasetVersions, ListDatasetVersions). Reach it through <see cref="ClarifaiClient.Datasets"/>.
/// </summary>
public class DatasetService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal DatasetService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected DatasetService()
    {
    }

    /// <summary>Creates a dataset (PostDatasets).</summary>
    /// <param name="datasetId">The new dataset's id.</param>
    /// <param name="description">Its description, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example 40003: a dataset with that id exists).</exception>
    public virtual async Task<ClarifaiDataset> CreateAsync(string datasetId, string? description = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        var request = new PostDatasetsRequest { Datasets = { new Dataset { Id = datasetId, Description = description ?? string.Empty } } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostDatasets, request, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiDataset(response.Datasets.Single());
    }

    /// <summary>Reads a dataset (GetDataset).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such dataset.</exception>
    public virtual async Task<ClarifaiDataset> GetAsync(string datasetId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        var response = await _executor.CallAsync(ClarifaiRpcs.GetDataset, new GetDatasetRequest { DatasetId = datasetId }, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiDataset(response.Dataset);
    }

    /// <summary>Lists the app's datasets, newest first, page by page as it is enumerated (ListDatasets).</summary>
    /// <param name="pageSize">Datasets per request, 1 to 1000 (default 128).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <returns>The datasets.</returns>
    public virtual ClarifaiPageable<ClarifaiDataset> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiDataset>(
            async (page, perPage, cancellationToken) =>
            {
                var response = await _executor.CallAsync(ClarifaiRpcs.ListDatasets, new ListDatasetsRequest { Page = (uint)page, PerPage = (uint)perPage }, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Datasets.Select(d => new ClarifaiDataset(d)).ToList();
            },
            pageSize);
    }

    /// <summary>Deletes a dataset (DeleteDatasets); its inputs stay in the app.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such dataset.</exception>
    public virtual async Task DeleteAsync(string datasetId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        await _executor.CallAsync(ClarifaiRpcs.DeleteDatasets, new DeleteDatasetsRequest { DatasetIds = { datasetId } }, callSettings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the app's inputs in a dataset (PostDatasetInputs), up to 128 per call.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="inputIds">The inputs' ids: 1 to 128, each in the app and not yet in the dataset.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when they are in.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule, or there are none or too many.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (30102: no such input; 64101: already in the dataset).</exception>
    public virtual async Task AddInputsAsync(string datasetId, IEnumerable<string> inputIds, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        var ids = Guard.Batch(Guard.Ids(inputIds, nameof(inputIds), "input id"), ClarifaiLimits.MaxInputsPerRequest, nameof(inputIds));
        var request = new PostDatasetInputsRequest { DatasetId = datasetId };
        request.DatasetInputs.Add(ids.Select(id => new DatasetInput { Input = new Input { Id = id } }));
        await _executor.CallAsync(ClarifaiRpcs.PostDatasetInputs, request, callSettings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists a dataset's inputs in the order they were added, page by page (ListDatasetInputs).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="pageSize">Inputs per request, 1 to 1000 (default 128).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <returns>The inputs.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    public virtual ClarifaiPageable<ClarifaiInput> ListInputsAsync(string datasetId, int? pageSize = null, CallSettings? callSettings = null)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiInput>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListDatasetInputsRequest { DatasetId = datasetId, Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListDatasetInputs, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.DatasetInputs.Select(d => new ClarifaiInput(d.Input)).ToList();
            },
            pageSize);
    }

    /// <summary>Takes inputs out of a dataset (DeleteDatasetInputs); they stay in the app. Ids not in it are ignored.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="inputIds">The inputs' ids.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when they are out.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule, or there are none.</exception>
    public virtual async Task RemoveInputsAsync(string datasetId, IEnumerable<string> inputIds, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        var ids = Guard.Ids(inputIds, nameof(inputIds), "input id");
        if (ids.IsEmpty) throw new ArgumentException("Give at least one input id.", nameof(inputIds));
        await _executor.CallAsync(ClarifaiRpcs.DeleteDatasetInputs, new DeleteDatasetInputsRequest { DatasetId = datasetId, InputIds = { ids } }, callSettings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Freezes the dataset's current inputs as a new version (PostDatasetVersions).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such dataset.</exception>
    public virtual async Task<ClarifaiDatasetVersion> CreateVersionAsync(string datasetId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        var request = new PostDatasetVersionsRequest { DatasetId = datasetId, DatasetVersions = { new DatasetVersion() } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostDatasetVersions, request, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiDatasetVersion(response.DatasetVersions.Single());
    }

    /// <summary>Lists a dataset's versions, newest first, page by page (ListDatasetVersions).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="pageSize">Versions per request, 1 to 1000 (default 128).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <returns>The versions.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    public virtual ClarifaiPageable<ClarifaiDatasetVersion> ListVersionsAsync(string datasetId, int? pageSize = null, CallSettings? callSettings = null)
    {
        Guard.Id(datasetId, nameof(datasetId), "dataset id");
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiDatasetVersion>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListDatasetVersionsRequest { DatasetId = datasetId, Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListDatasetVersions, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.DatasetVersions.Select(v => new ClarifaiDatasetVersion(v)).ToList();
            },
            pageSize);
    }
}
