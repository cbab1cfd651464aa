using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Apps;

/// <summary>
/// Creates, reads, lists, renames and deletes apps (PostApps, GetApp, ListApps, PatchApps, DeleteApp). These are the
/// user's calls: they name the user (the client's <see cref="ClarifaiClientOptions.UserId"/>, or the settings' own)
/// and the app they are about, not the client's default app. Reach it through <see cref="ClarifaiClient.Apps"/>.
/// </summary>
public class AppService
{
    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly string? _userId;

    internal AppService(ClarifaiCallExecutor executor, string? userId)
    {
        _executor = executor;
        _userId = userId;
    }

    /// <summary>For mocking only.</summary>
    protected AppService()
    {
    }

    /// <summary>Creates an app (PostApps).</summary>
    /// <param name="appId">The new app's id.</param>
    /// <param name="description">Its description, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; its <c>UserId</c> names another user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule, or no user is known (set <see cref="ClarifaiClientOptions.UserId"/>).</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example 40003: an app with that id exists; 11007: an app-scoped key cannot create apps).</exception>
    public virtual async Task<ClarifaiApp> CreateAsync(string appId, string? description = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(appId, nameof(appId), "app id");
        var request = new PostAppsRequest { UserAppId = UserOnly(callSettings), Apps = { new App { Id = appId, Description = description ?? string.Empty } } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostApps, request, Unaddressed(callSettings), cancellationToken).ConfigureAwait(false);
        return new ClarifaiApp(response.Apps.Single());
    }

    /// <summary>Reads an app (GetApp).</summary>
    /// <param name="appId">The app's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such app (11101).</exception>
    public virtual async Task<ClarifaiApp> GetAsync(string appId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(appId, nameof(appId), "app id");
        var response = await _executor.CallAsync(ClarifaiRpcs.GetApp, new GetAppRequest { UserAppId = Of(appId, callSettings) }, Unaddressed(callSettings), cancellationToken).ConfigureAwait(false);
        return new ClarifaiApp(response.App);
    }

    /// <summary>Lists the user's apps, page by page as it is enumerated (ListApps).</summary>
    /// <param name="pageSize">Apps per request, 1 to 1000 (default 128).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <returns>The apps.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 1000.</exception>
    public virtual ClarifaiPageable<ClarifaiApp> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiApp>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListAppsRequest { UserAppId = UserOnly(callSettings), Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListApps, request, Unaddressed(callSettings), cancellationToken).ConfigureAwait(false);
                return response.Apps.Select(a => new ClarifaiApp(a)).ToList();
            },
            pageSize);
    }

    /// <summary>Changes an app's description (PatchApps, merge).</summary>
    /// <param name="appId">The app's id.</param>
    /// <param name="description">The new description.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app as changed.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such app.</exception>
    public virtual async Task<ClarifaiApp> UpdateDescriptionAsync(string appId, string description, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(appId, nameof(appId), "app id");
        ArgumentNullException.ThrowIfNull(description);
        var request = new PatchAppsRequest { UserAppId = UserOnly(callSettings), Action = "overwrite", Apps = { new App { Id = appId, Description = description } } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PatchApps, request, Unaddressed(callSettings), cancellationToken).ConfigureAwait(false);
        return new ClarifaiApp(response.Apps.Single());
    }

    /// <summary>Deletes an app and everything in it (DeleteApp). Not retried: a delete that may have landed is not sent twice.</summary>
    /// <param name="appId">The app's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the app is deleted.</returns>
    /// <exception cref="ArgumentException">The id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such app (11101).</exception>
    public virtual async Task DeleteAsync(string appId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(appId, nameof(appId), "app id");
        await _executor.CallAsync(ClarifaiRpcs.DeleteApp, new DeleteAppRequest { UserAppId = Of(appId, callSettings) }, Unaddressed(callSettings), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user these calls act for: the settings', else the client's, else none (an app-scoped key's own).</summary>
    private UserAppIDSet UserOnly(CallSettings? settings)
    {
        settings?.Validate();
        return (settings?.UserId ?? _userId) is { } user ? new UserAppIDSet { UserId = user } : new UserAppIDSet();
    }

    private UserAppIDSet Of(string appId, CallSettings? settings) => new() { UserId = UserOnly(settings).UserId, AppId = appId };

    /// <summary>The settings without their user and app: these requests carry their own <c>user_app_id</c>.</summary>
    private static CallSettings? Unaddressed(CallSettings? settings) =>
        settings is { UserId: not null } ? settings with { UserId = null, AppId = null } : settings;
}
