using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The one rule of who may act on which app: a personal access token names its app in every request's
/// <c>user_app_id</c>; an app-scoped key acts on its own app when the request names none, and is refused another app
/// (Clarifai's public app, <c>clarifai/main</c>, is open to every key). The user id <c>me</c> is the key's owner.
/// </summary>
internal sealed class TenantResolver
{
    private readonly EmulatorStore _store;
    private readonly string _personalAccessToken;
    private readonly Dictionary<string, EmulatorAppKey> _appKeys;
    private readonly string _tokenOwner;

    public TenantResolver(EmulatorStore store, EmulatorOptions options)
    {
        _store = store;
        _personalAccessToken = "Key " + options.ApiKey;
        _appKeys = options.AppKeys.ToDictionary(k => "Key " + k.Key, StringComparer.Ordinal);
        _tokenOwner = options.UserId;

        // A key scoped to an app is made for that app: it exists from the start (its user's ListApps lists it).
        foreach (var key in options.AppKeys) store.App(key.UserId, key.AppId);
    }

    /// <summary>Checks the <c>authorization</c> header: <see langword="null"/> when it is a known key (<paramref name="appKey"/> is set for an app key), else the refusal.</summary>
    public StatusProto? Authenticate(string? authorization, out EmulatorAppKey? appKey)
    {
        appKey = null;
        if (string.IsNullOrEmpty(authorization)) return Statuses.Of(StatusCode.ConnKeyNotFound, "No 'authorization: Key …' header was sent");
        if (string.Equals(authorization, _personalAccessToken, StringComparison.Ordinal)) return null;
        if (_appKeys.TryGetValue(authorization, out var found))
        {
            appKey = found;
            return null;
        }

        return Statuses.Of(StatusCode.ConnKeyInvalid, "The key is not one of the emulator's keys");
    }

    /// <summary>The app a request acts on, or why it may not act on any.</summary>
    public StatusProto? Resolve(EmulatorAppKey? appKey, UserAppIDSet? ids, out AppData? app)
    {
        app = null;
        var named = ids is { UserId.Length: > 0, AppId.Length: > 0 };

        // "me" (the REST routes' users/me/apps/…) is the key's owner.
        if (named && ids!.UserId == "me") ids = new UserAppIDSet { UserId = appKey?.UserId ?? _tokenOwner, AppId = ids.AppId };
        if (appKey is null)
        {
            if (!named) return Statuses.Of(StatusCode.ConnInvalidRequest, "user_app_id (user_id and app_id) is required with a personal access token");
        }
        else if (!named)
        {
            ids = new UserAppIDSet { UserId = appKey.UserId, AppId = appKey.AppId };
        }
        else if ((ids!.UserId != appKey.UserId || ids.AppId != appKey.AppId) && !IsPublic(ids))
        {
            return Statuses.Of(StatusCode.ConnInsufficientScopes, $"This app key is scoped to {appKey.UserId}/{appKey.AppId}; it cannot act on {ids.UserId}/{ids.AppId}");
        }

        app = _store.App(ids!.UserId, ids.AppId);
        return null;
    }

    /// <summary>The store of apps (for the user-level RPCs: apps themselves).</summary>
    public EmulatorStore Store => _store;

    /// <summary>
    /// The user a user-level request (PostApps, ListApps, PatchApps, GetApp, DeleteApp) acts for, or why it may not:
    /// with a personal access token the <c>user_id</c> of its <c>user_app_id</c> (<c>me</c>, or none, is the token's owner) —
    /// the app id is the app addressed, if any; with an app-scoped key its own user, and only its own app.
    /// </summary>
    public StatusProto? ResolveUser(EmulatorAppKey? appKey, UserAppIDSet? ids, out string userId)
    {
        userId = string.Empty;
        var user = ids?.UserId is { Length: > 0 } named ? (named == "me" ? appKey?.UserId ?? _tokenOwner : named) : null;
        if (appKey is null)
        {
            // A token belongs to a user: a user-level request that names none acts for the token's owner (ListApps as Clarifai's SDK sends it).
            userId = user ?? _tokenOwner;
            return null;
        }

        if ((user is not null && user != appKey.UserId) || (ids?.AppId is { Length: > 0 } app && app != appKey.AppId))
        {
            return Statuses.Of(StatusCode.ConnInsufficientScopes, $"This app key is scoped to {appKey.UserId}/{appKey.AppId}");
        }

        userId = appKey.UserId;
        return null;
    }

    /// <summary>Clarifai's public app, <c>clarifai/main</c>, which holds the built-in models.</summary>
    public AppData PublicApp => _store.App(BuiltInModel.OwnerUserId, BuiltInModel.OwnerAppId);

    private static bool IsPublic(UserAppIDSet ids) => ids.UserId == BuiltInModel.OwnerUserId && ids.AppId == BuiltInModel.OwnerAppId;
}
