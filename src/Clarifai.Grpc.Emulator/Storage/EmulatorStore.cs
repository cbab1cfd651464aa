using System.Collections.Concurrent;

namespace Clarifai.Grpc.Emulator;

/// <summary>The emulator's state: apps created on first use, in memory, gone when the emulator stops.</summary>
internal sealed class EmulatorStore
{
    private readonly ConcurrentDictionary<(string UserId, string AppId), AppData> _apps = new();

    private readonly TimeProvider _time;

    public EmulatorStore(EmulatorOptions options)
    {
        _time = options.TimeProvider;
        var main = App(BuiltInModel.OwnerUserId, BuiltInModel.OwnerAppId);
        foreach (var model in BuiltInModel.All) main.Models.Add(model.Id, model.ToStoredModel());

        // Clarifai's public General workflow, which its SDKs' tests and snippets read: the general image model as its one node.
        main.AddWorkflows([new Clarifai.Api.Workflow
        {
            Id = "General",
            UserId = BuiltInModel.OwnerUserId,
            AppId = BuiltInModel.OwnerAppId,
            CreatedAt = main.Now(),
            Nodes = { new Clarifai.Api.WorkflowNode { Id = "general-concept", Model = new Clarifai.Api.Model { Id = "general-image-recognition", UserId = BuiltInModel.OwnerUserId, AppId = BuiltInModel.OwnerAppId } } },
        }]);
    }

    public AppData App(string userId, string appId) => _apps.GetOrAdd((userId, appId), static (key, time) => new AppData(key.UserId, key.AppId, time), _time);

    public bool TryGetApp(string userId, string appId, out AppData? app) => _apps.TryGetValue((userId, appId), out app);

    /// <summary>Creates an app (PostApps): <see langword="false"/> when one with that id was already created by PostApps.</summary>
    public bool CreateApp(string userId, Clarifai.Api.App info, out AppData app)
    {
        app = App(userId, info.Id);
        lock (app.Gate)
        {
            if (app.Posted) return false;
            app.Posted = true;
            app.Name = info.Name;
            app.Description = info.Description;
            return true;
        }
    }

    /// <summary>The user's apps (created by PostApps or by first use), oldest first; Clarifai's public app is not a user's.</summary>
    public IReadOnlyList<AppData> AppsOf(string userId) =>
        [.. _apps.Values.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt.ToDateTimeOffset()).ThenBy(a => a.AppId, StringComparer.Ordinal)];

    /// <summary>Deletes an app and everything in it: <see langword="false"/> when there is none.</summary>
    public bool DeleteApp(string userId, string appId) => _apps.TryRemove((userId, appId), out _);
}
