using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// PostApps, GetApp, ListApps, PatchApps, DeleteApp: requests at the user's level (<c>user_app_id</c> with a user id,
/// and the app id for one app). An app is also made by its first use, as before; an unknown app is 11101 "Resource
/// does not exist", as the API answers (Clarifai's SDK tests expect it for DeleteApp).
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiAppResponse> PostApps(PostAppsRequest request, ServerCallContext context)
    {
        var user = CallState.UserOf(context);
        if (CallState.AppKeyOf(context) is not null) return Task.FromResult(new MultiAppResponse { Status = Statuses.Of(StatusCode.ConnInsufficientScopes, "An app-scoped key cannot create apps; use a personal access token") });
        if (request.Apps.Count == 0) return Task.FromResult(new MultiAppResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "No app to create") });
        foreach (var app in request.Apps)
        {
            if (!IsValidId(app.Id)) return Task.FromResult(new MultiAppResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, $"'{app.Id}' is not a valid app id") });
        }

        var response = new MultiAppResponse { Status = Statuses.Of(StatusCode.Success) };
        foreach (var info in request.Apps)
        {
            if (!_tenants.Store.CreateApp(user, info, out var created))
            {
                return Task.FromResult(new MultiAppResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"An app with id '{info.Id}' already exists") });
            }

            lock (created.Gate) response.Apps.Add(created.ToProto());
        }

        return Task.FromResult(response);
    }

    public override Task<SingleAppResponse> GetApp(GetAppRequest request, ServerCallContext context)
    {
        if (FindApp(context, request.UserAppId) is not { } app) return Task.FromResult(new SingleAppResponse { Status = NoApp(request.UserAppId) });
        lock (app.Gate) return Task.FromResult(new SingleAppResponse { Status = Statuses.Of(StatusCode.Success), App = app.ToProto() });
    }

    public override Task<MultiAppResponse> ListApps(ListAppsRequest request, ServerCallContext context)
    {
        var user = CallState.UserOf(context);
        var apps = CallState.AppKeyOf(context) is { } key
            ? _tenants.Store.TryGetApp(key.UserId, key.AppId, out var own) ? [own!] : []
            : _tenants.Store.AppsOf(user);
        var response = new MultiAppResponse { Status = Statuses.Of(StatusCode.Success) };
        foreach (var app in PageSlice.Of([.. apps], request.Page, request.PerPage))
        {
            lock (app.Gate) response.Apps.Add(app.ToProto());
        }

        return Task.FromResult(response);
    }

    /// <summary>Overwrites or merges each app's name and description (action <c>overwrite</c> or <c>merge</c>, the default).</summary>
    public override Task<MultiAppResponse> PatchApps(PatchAppsRequest request, ServerCallContext context)
    {
        var user = CallState.UserOf(context);
        if (CheckPatchAction(request.Action) is { } badAction) return Task.FromResult(new MultiAppResponse { Status = badAction });
        var found = new List<AppData>();
        foreach (var info in request.Apps)
        {
            if (!_tenants.Store.TryGetApp(user, info.Id, out var app) || (CallState.AppKeyOf(context) is { } key && key.AppId != info.Id))
            {
                return Task.FromResult(new MultiAppResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"No app with id '{info.Id}'") });
            }

            found.Add(app!);
        }

        var response = new MultiAppResponse { Status = Statuses.Of(StatusCode.Success) };
        for (var i = 0; i < found.Count; i++)
        {
            var (app, info) = (found[i], request.Apps[i]);
            lock (app.Gate)
            {
                if (request.Action == "overwrite" || info.Name.Length > 0) app.Name = info.Name;
                if (request.Action == "overwrite" || info.Description.Length > 0) app.Description = info.Description;
                response.Apps.Add(app.ToProto());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteApp(DeleteAppRequest request, ServerCallContext context)
    {
        var user = CallState.UserOf(context);
        var appId = request.UserAppId?.AppId ?? string.Empty;
        var deleted = appId.Length > 0 && (user, appId) != (BuiltInModel.OwnerUserId, BuiltInModel.OwnerAppId) && _tenants.Store.DeleteApp(user, appId);
        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = deleted ? Statuses.Of(StatusCode.Success) : NoApp(request.UserAppId) });
    }

    /// <summary>The app a user-level request names (<c>user_app_id.app_id</c>), if it exists; an app key sees only its own.</summary>
    private AppData? FindApp(ServerCallContext context, UserAppIDSet? ids)
    {
        var user = CallState.UserOf(context);
        var appId = ids?.AppId is { Length: > 0 } named ? named : CallState.AppKeyOf(context)?.AppId;
        if (appId is null) return null;
        return _tenants.Store.TryGetApp(user, appId, out var app) ? app : null;
    }

    private static Clarifai.Api.Status.Status NoApp(UserAppIDSet? ids) =>
        Statuses.Of(StatusCode.ConnDoesNotExist, $"No app with id '{ids?.AppId}'");

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 48 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
