using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>PostModels, GetModel, PostModelVersions, GetModelVersion.</summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<SingleModelResponse> PostModels(PostModelsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
#pragma warning disable CS0612 // the single 'model' field is deprecated upstream, but clients still send it
        var model = request.Models.Count > 0 ? request.Models[0] : request.Model;
#pragma warning restore CS0612
        if (model is null || model.Id.Length == 0)
        {
            return Task.FromResult(new SingleModelResponse { Status = Statuses.Of(StatusCode.ModelInvalidArgument, "The model needs an id") });
        }

#pragma warning disable CS0612 // Model.output_info is deprecated upstream, yet it is where PostModels carries a classifier's concepts
        var outputInfo = model.OutputInfo ?? model.ModelVersion?.OutputInfo ?? new OutputInfo();
        var conceptsMutuallyExclusive = ReadBool(outputInfo, "concepts_mutually_exclusive") ?? outputInfo.OutputConfig?.ConceptsMutuallyExclusive ?? false;
#pragma warning restore CS0612
        var closedEnvironment = ReadBool(outputInfo, "closed_environment") ?? false;
        var concepts = outputInfo.Data?.Concepts.Select(c => c.Id).Where(id => id.Length > 0).Distinct().ToList() ?? [];

        var stored = model.Clone();
        stored.AppId = app.AppId;
        stored.UserId = app.UserId;
        stored.CreatedAt = Now();
        if (stored.ModelTypeId.Length == 0) stored.ModelTypeId = "embedding-classifier";
#pragma warning disable CS0612
        stored.OutputInfo = outputInfo.Clone();
#pragma warning restore CS0612
        var version = new StoredModelVersion(new ModelVersion { Id = NewId(), CreatedAt = Now(), AppId = app.AppId, UserId = app.UserId, Status = Statuses.Of(StatusCode.ModelUntrained) });
        var entry = new StoredModel(stored, concepts, conceptsMutuallyExclusive, closedEnvironment);
        entry.Versions.Add(version);
        if (!app.TryAddModel(entry))
        {
            return Task.FromResult(new SingleModelResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"A model with id '{model.Id}' already exists") });
        }

        lock (app.Gate) return Task.FromResult(new SingleModelResponse { Status = Statuses.Of(StatusCode.Success), Model = Describe(entry, version) });
    }

    public override Task<SingleModelResponse> GetModel(GetModelRequest request, ServerCallContext context)
    {
        var app = ModelOwner(AppOf(context), request.ModelId, out var modelId);
        lock (app.Gate)
        {
            return Task.FromResult(app.Models.TryGetValue(modelId, out var model)
                ? new SingleModelResponse { Status = Statuses.Of(StatusCode.Success), Model = Describe(model, model.Versions[^1]) }
                : new SingleModelResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{request.ModelId}'") });
        }
    }

    public override Task<MultiModelResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var apps = ListedApps(context, withPublic: true);
        var response = new MultiModelResponse { Status = Statuses.Of(StatusCode.Success) };
        var models = new List<Model>();
        foreach (var listed in apps)
        {
            lock (listed.Gate) models.AddRange(listed.Models.Values.OrderBy(m => m.Proto.CreatedAt.ToDateTimeOffset()).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => Describe(m, m.Versions[^1])));
        }

        // The API's older behaviour, which the clients of app-scoped keys rely on (the proto's dont_fetch_from_main):
        // listing an app with a key that names no app also lists Clarifai's public models, after the app's own.
#pragma warning disable CS0612 // dont_fetch_from_main is deprecated upstream, but still what such clients send
        var main = _tenants.PublicApp;
        if (CallState.AppKeyOf(context) is not null && request.UserAppId is not { AppId.Length: > 0 } && !request.DontFetchFromMain && !ReferenceEquals(apps[0], main))
#pragma warning restore CS0612
        {
            lock (main.Gate) models.AddRange(main.Models.Values.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => Describe(m, m.Versions[^1])));
        }

        foreach (var model in PageSlice.Of(models, request.Page, request.PerPage)) response.Models.Add(model);
        return Task.FromResult(response);
    }

    public override Task<MultiModelVersionResponse> ListModelVersions(ListModelVersionsRequest request, ServerCallContext context)
    {
        var app = ModelOwner(AppOf(context), request.ModelId, out var modelId);
        lock (app.Gate)
        {
            if (!app.Models.TryGetValue(modelId, out var model))
            {
                return Task.FromResult(new MultiModelVersionResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{request.ModelId}'") });
            }

            // Newest first, as the API lists versions.
            var versions = model.Versions.AsEnumerable().Reverse().ToList();
            var response = new MultiModelVersionResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var version in PageSlice.Of(versions, request.Page, request.PerPage)) response.ModelVersions.Add(version.ToProto());
            return Task.FromResult(response);
        }
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteModel(DeleteModelRequest request, ServerCallContext context) =>
        Task.FromResult(new Clarifai.Api.Status.BaseResponse
        {
            Status = AppOf(context).DeleteModel(request.ModelId) ? Statuses.Of(StatusCode.Success) : Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{request.ModelId}'"),
        });

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteModelVersion(DeleteModelVersionRequest request, ServerCallContext context) =>
        Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = AppOf(context).DeleteVersion(request.ModelId, request.VersionId) ?? Statuses.Of(StatusCode.Success) });

    public override Task<SingleModelResponse> PostModelVersions(PostModelVersionsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var version = new StoredModelVersion(new ModelVersion { Id = NewId(), CreatedAt = Now(), AppId = app.AppId, UserId = app.UserId, Status = Statuses.Of(StatusCode.ModelQueuedForTraining) });
        if (app.AddVersion(request.ModelId, version) is not { } model)
        {
            return Task.FromResult(new SingleModelResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{request.ModelId}'") });
        }

        _trainer.Enqueue(app, model, version);
        lock (app.Gate) return Task.FromResult(new SingleModelResponse { Status = Statuses.Of(StatusCode.Success), Model = Describe(model, version) });
    }

    public override Task<SingleModelVersionResponse> GetModelVersion(GetModelVersionRequest request, ServerCallContext context)
    {
        var app = ModelOwner(AppOf(context), request.ModelId, out var modelId);
        lock (app.Gate)
        {
            if (!app.Models.TryGetValue(modelId, out var model))
            {
                return Task.FromResult(new SingleModelVersionResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{request.ModelId}'") });
            }

            var version = model.Versions.FirstOrDefault(v => v.Id == request.VersionId);
            return Task.FromResult(version is null
                ? new SingleModelVersionResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"Model '{request.ModelId}' has no version '{request.VersionId}'") }
                : new SingleModelVersionResponse { Status = Statuses.Of(StatusCode.Success), ModelVersion = version.ToProto() });
        }
    }

    /// <summary>The model message with one of its versions. Called under the app's lock.</summary>
    private static Model Describe(StoredModel model, StoredModelVersion version)
    {
        var proto = model.Proto.Clone();
        proto.ModelVersion = version.ToProto();
        return proto;
    }

    private static bool? ReadBool(OutputInfo info, string name) =>
        info.Params is { } parameters && parameters.Fields.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.BoolValue ? value.BoolValue : null;
}
