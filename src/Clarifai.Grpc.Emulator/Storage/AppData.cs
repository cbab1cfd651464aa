using Clarifai.Api;

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

    /// <summary>The inputs-add jobs: the ids of the inputs added under each job id, and when the job began.</summary>
    public Dictionary<string, (List<string> InputIds, DateTime CreatedAt)> AddJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's workflows by id.</summary>
    public Dictionary<string, Workflow> Workflows { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's concepts by id, in creation order; inputs and models that name one create it, as the API does.</summary>
    public Dictionary<string, Concept> Concepts { get; } = new(StringComparer.Ordinal);

    public List<string> ConceptOrder { get; } = [];

    /// <summary>Creates the concept if the app does not have it yet. Called under <see cref="Gate"/>.</summary>
    public Concept Touch(string id, string? name = null)
    {
        if (Concepts.TryGetValue(id, out var existing)) return existing;
        var concept = new Concept { Id = id, Name = string.IsNullOrEmpty(name) ? id : name, AppId = AppId, UserId = UserId, Value = 1f, CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow) };
        Concepts.Add(id, concept);
        ConceptOrder.Add(id);
        return concept;
    }
}
