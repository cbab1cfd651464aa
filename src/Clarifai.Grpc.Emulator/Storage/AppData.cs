namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Everything one app (user id + app id) holds: inputs in creation order, the URLs already added, the models.
/// Apps never see each other's data. All members are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class AppData
{
    public AppData(string userId, string appId)
    {
        UserId = userId;
        AppId = appId;
    }

    public string UserId { get; }

    public string AppId { get; }

    public object Gate { get; } = new();

    public Dictionary<string, StoredInput> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Input ids in creation order, for ListInputs.</summary>
    public List<string> InputOrder { get; } = [];

    public HashSet<string> Urls { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredModel> Models { get; } = new(StringComparer.Ordinal);
}
