using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Datasets: PostDatasets, GetDataset, ListDatasets, PatchDatasets, DeleteDatasets; their inputs (PostDatasetInputs,
/// ListDatasetInputs, DeleteDatasetInputs: the app's existing inputs, each once, 64101 for one already in); and versions
/// (PostDatasetVersions, ListDatasetVersions, GetDatasetVersion, DeleteDatasetVersions: a snapshot of the inputs at that
/// moment, 64015 DATASET_VERSION_READY). An unknown dataset or version is 11101 "Resource does not exist".
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiDatasetResponse> PostDatasets(PostDatasetsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Datasets.Count == 0) return Task.FromResult(new MultiDatasetResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "No dataset to create") });
        var response = new MultiDatasetResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (CheckNewIds([.. request.Datasets.Select(d => d.Id)], app.Datasets.ContainsKey, "dataset") is { } refused) return Task.FromResult(new MultiDatasetResponse { Status = refused });

            foreach (var given in request.Datasets)
            {
                var dataset = given.Clone();
                dataset.AppId = app.AppId;
                dataset.UserId = app.UserId;
                dataset.CreatedAt = Now();
                dataset.ModifiedAt = dataset.CreatedAt;
                app.Datasets[dataset.Id] = new StoredDataset(dataset);
                response.Datasets.Add(dataset.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<SingleDatasetResponse> GetDataset(GetDatasetRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Datasets.TryGetValue(request.DatasetId, out var dataset)
                ? new SingleDatasetResponse { Status = Statuses.Of(StatusCode.Success), Dataset = dataset.Proto.Clone() }
                : new SingleDatasetResponse { Status = NoDataset(request.DatasetId) });
        }
    }

    public override Task<MultiDatasetResponse> ListDatasets(ListDatasetsRequest request, ServerCallContext context)
    {
        var response = new MultiDatasetResponse { Status = Statuses.Of(StatusCode.Success) };
        var datasets = new List<Dataset>();
        foreach (var app in ListedApps(context))
        {
            lock (app.Gate) datasets.AddRange(app.Datasets.Values.Select(d => d.Proto.Clone()));
        }

        datasets = [.. datasets.OrderBy(d => d.CreatedAt.ToDateTimeOffset()).ThenBy(d => d.AppId, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)];
        if (!request.SortAscending) datasets.Reverse(); // newest first, the API's default
        response.Datasets.AddRange(PageSlice.Of(datasets, request.Page, request.PerPage));
        return Task.FromResult(response);
    }

    /// <summary>Changes datasets' description and notes: <c>merge</c> (the default) sets what is given, <c>overwrite</c> both.</summary>
    public override Task<MultiDatasetResponse> PatchDatasets(PatchDatasetsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (CheckPatchAction(request.Action) is { } badAction) return Task.FromResult(new MultiDatasetResponse { Status = badAction });
        var response = new MultiDatasetResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var missing = request.Datasets.FirstOrDefault(d => !app.Datasets.ContainsKey(d.Id));
            if (missing is not null) return Task.FromResult(new MultiDatasetResponse { Status = NoDataset(missing.Id) });
            foreach (var patch in request.Datasets)
            {
                var dataset = app.Datasets[patch.Id].Proto;
                var overwrite = request.Action == "overwrite";
                if (overwrite || patch.Description.Length > 0) dataset.Description = patch.Description;
                if (overwrite || patch.Notes.Length > 0) dataset.Notes = patch.Notes;
                dataset.ModifiedAt = Now();
                response.Datasets.Add(dataset.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteDatasets(DeleteDatasetsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate) return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = RemoveAll(app.Datasets, request.DatasetIds, NoDataset) ?? Statuses.Of(StatusCode.Success) });
    }

    /// <summary>Adds the app's existing inputs to a dataset; an input already in it is 64101, one the app lacks 30102.</summary>
    public override Task<MultiDatasetInputResponse> PostDatasetInputs(PostDatasetInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Search is not null) return Task.FromResult(new MultiDatasetInputResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "Adding by search is not served by the local server: list the input ids") });
        var response = new MultiDatasetInputResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new MultiDatasetInputResponse { Status = NoDataset(request.DatasetId) });
            var ids = request.DatasetInputs.Select(d => d.Input?.Id ?? string.Empty).ToList();
            if (ids.FirstOrDefault(id => !app.Inputs.ContainsKey(id)) is { } unknown) return Task.FromResult(new MultiDatasetInputResponse { Status = Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{unknown}'") });
            var already = ids.FirstOrDefault(dataset.AddedAt.ContainsKey) ?? ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (already is not null)
            {
                return Task.FromResult(new MultiDatasetInputResponse { Status = Statuses.Of(StatusCode.DatasetInputDuplicate, $"Input '{already}' is already in dataset '{dataset.Id}'") });
            }

            foreach (var id in ids)
            {
                var now = Now();
                dataset.InputIds.Add(id);
                dataset.AddedAt[id] = now;
                response.DatasetInputs.Add(new DatasetInput { Input = app.Inputs[id].ToProto(), CreatedAt = now });
            }
        }

        return Task.FromResult(response);
    }

    public override Task<MultiDatasetInputResponse> ListDatasetInputs(ListDatasetInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiDatasetInputResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new MultiDatasetInputResponse { Status = NoDataset(request.DatasetId) });
            foreach (var id in PageSlice.Of(dataset.InputIds, request.Page, request.PerPage))
            {
                response.DatasetInputs.Add(new DatasetInput { Input = app.Inputs[id].ToProto(), CreatedAt = dataset.AddedAt[id] });
            }
        }

        return Task.FromResult(response);
    }

    /// <summary>Removes inputs from a dataset (the inputs stay in the app); ids not in it are ignored.</summary>
    public override Task<Clarifai.Api.Status.BaseResponse> DeleteDatasetInputs(DeleteDatasetInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = NoDataset(request.DatasetId) });
            foreach (var id in request.InputIds)
            {
                if (dataset.InputIds.Remove(id)) dataset.AddedAt.Remove(id);
            }
        }

        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    /// <summary>Freezes the dataset's inputs as a version, ready at once (64015).</summary>
    public override Task<MultiDatasetVersionResponse> PostDatasetVersions(PostDatasetVersionsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiDatasetVersionResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new MultiDatasetVersionResponse { Status = NoDataset(request.DatasetId) });
            foreach (var given in request.DatasetVersions.Count == 0 ? [new DatasetVersion()] : request.DatasetVersions)
            {
                var version = given.Clone();
                if (version.Id.Length == 0) version.Id = NewId();
                if (dataset.Versions.Any(v => v.Version.Id == version.Id)) return Task.FromResult(new MultiDatasetVersionResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"A version with id '{version.Id}' already exists") });
                version.DatasetId = dataset.Id;
                version.AppId = app.AppId;
                version.UserId = app.UserId;
                version.CreatedAt = Now();
                version.ModifiedAt = version.CreatedAt;
                version.Status = Statuses.Of(StatusCode.DatasetVersionReady);
                dataset.Versions.Add((version, [.. dataset.InputIds]));
                dataset.Proto.Version = version.Clone();
                response.DatasetVersions.Add(version.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<MultiDatasetVersionResponse> ListDatasetVersions(ListDatasetVersionsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiDatasetVersionResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new MultiDatasetVersionResponse { Status = NoDataset(request.DatasetId) });
            var newestFirst = dataset.Versions.Select(v => v.Version).Reverse().ToList();
            foreach (var version in PageSlice.Of(newestFirst, request.Page, request.PerPage)) response.DatasetVersions.Add(version.Clone());
        }

        return Task.FromResult(response);
    }

    public override Task<SingleDatasetVersionResponse> GetDatasetVersion(GetDatasetVersionRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new SingleDatasetVersionResponse { Status = NoDataset(request.DatasetId) });
            var found = dataset.Versions.FirstOrDefault(v => v.Version.Id == request.DatasetVersionId).Version;
            return Task.FromResult(found is null
                ? new SingleDatasetVersionResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"Dataset '{dataset.Id}' has no version '{request.DatasetVersionId}'") }
                : new SingleDatasetVersionResponse { Status = Statuses.Of(StatusCode.Success), DatasetVersion = found.Clone() });
        }
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteDatasetVersions(DeleteDatasetVersionsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (!app.Datasets.TryGetValue(request.DatasetId, out var dataset)) return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = NoDataset(request.DatasetId) });
            dataset.Versions.RemoveAll(v => request.DatasetVersionIds.Contains(v.Version.Id));
        }

        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    private static Clarifai.Api.Status.Status NoDataset(string id) => Statuses.Of(StatusCode.ConnDoesNotExist, $"No dataset with id '{id}'");
}
