using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Modules, as records (PostModules, GetModule, ListModules, PatchModules, DeleteModules): ids unique in the app
/// (40003 otherwise), an unknown module 11101 "Resource does not exist", as for datasets. Their versions (the apps
/// they run) are not served.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiModuleResponse> PostModules(PostModulesRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Modules.Count == 0) return Task.FromResult(new MultiModuleResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "No module to create") });
        var response = new MultiModuleResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            if (CheckNewIds([.. request.Modules.Select(m => m.Id)], app.Modules.ContainsKey, "module") is { } refused) return Task.FromResult(new MultiModuleResponse { Status = refused });

            foreach (var given in request.Modules)
            {
                var module = given.Clone();
                module.AppId = app.AppId;
                module.UserId = app.UserId;
                module.CreatedAt = Now();
                module.ModifiedAt = module.CreatedAt;
                app.Modules[module.Id] = module;
                response.Modules.Add(module.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<SingleModuleResponse> GetModule(GetModuleRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Modules.TryGetValue(request.ModuleId, out var module)
                ? new SingleModuleResponse { Status = Statuses.Of(StatusCode.Success), Module = module.Clone() }
                : new SingleModuleResponse { Status = NoModule(request.ModuleId) });
        }
    }

    public override Task<MultiModuleResponse> ListModules(ListModulesRequest request, ServerCallContext context)
    {
        var response = new MultiModuleResponse { Status = Statuses.Of(StatusCode.Success) };
        var all = new List<Module>();
        foreach (var app in ListedApps(context))
        {
            lock (app.Gate) all.AddRange(app.Modules.Values.Select(m => m.Clone()));
        }

        // Newest change first by default, as the API lists; by id or creation time when asked.
        IEnumerable<Module> modules = all.OrderBy(m => m.Id, StringComparer.Ordinal).ThenBy(m => m.AppId, StringComparer.Ordinal);
        modules = request.SortByCase switch
        {
            ListModulesRequest.SortByOneofCase.SortById => request.SortAscending ? modules : modules.Reverse(),
            ListModulesRequest.SortByOneofCase.SortByCreatedAt => request.SortAscending ? modules.OrderBy(m => m.CreatedAt.ToDateTimeOffset()) : modules.OrderByDescending(m => m.CreatedAt.ToDateTimeOffset()),
            _ => request.SortAscending ? modules.OrderBy(m => m.ModifiedAt.ToDateTimeOffset()) : modules.OrderByDescending(m => m.ModifiedAt.ToDateTimeOffset()),
        };
        response.Modules.AddRange(PageSlice.Of(modules.ToList(), request.Page, request.PerPage));
        return Task.FromResult(response);
    }

    public override Task<MultiModuleResponse> PatchModules(PatchModulesRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (CheckPatchAction(request.Action) is { } badAction) return Task.FromResult(new MultiModuleResponse { Status = badAction });
        var response = new MultiModuleResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var missing = request.Modules.FirstOrDefault(m => !app.Modules.ContainsKey(m.Id));
            if (missing is not null) return Task.FromResult(new MultiModuleResponse { Status = NoModule(missing.Id) });
            foreach (var patch in request.Modules)
            {
                var module = app.Modules[patch.Id];
                var overwrite = request.Action == "overwrite";
                if (overwrite || patch.Description.Length > 0) module.Description = patch.Description;
                if (overwrite || patch.Visibility is not null) module.Visibility = patch.Visibility?.Clone();
                if (overwrite) module.Metadata = patch.Metadata?.Clone();
                else if (patch.Metadata is not null) (module.Metadata ??= new Google.Protobuf.WellKnownTypes.Struct()).MergeFrom(patch.Metadata);
                module.ModifiedAt = Now();
                response.Modules.Add(module.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteModules(DeleteModulesRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate) return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = RemoveAll(app.Modules, request.Ids, NoModule) ?? Statuses.Of(StatusCode.Success) });
    }

    private static Clarifai.Api.Status.Status NoModule(string id) => Statuses.Of(StatusCode.ConnDoesNotExist, $"No module with id '{id}'");
}
