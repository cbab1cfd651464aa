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
    }

    public AppData App(string userId, string appId) => _apps.GetOrAdd((userId, appId), static (key, time) => new AppData(key.UserId, key.AppId, time), _time);

    public bool TryGetApp(string userId, string appId, out AppData? app) => _apps.TryGetValue((userId, appId), out app);
}
