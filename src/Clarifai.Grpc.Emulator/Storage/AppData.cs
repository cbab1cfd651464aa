using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Everything one app (user id + app id) holds: inputs in creation order, the URLs already added, the models.
/// Apps never see each other's data. All members are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class AppData
{
    public AppData(string userId, string appId, TimeProvider time)
    {
        UserId = userId;
        AppId = appId;
        Time = time;
    }

    /// <summary>The server's clock (<see cref="EmulatorOptions.TimeProvider"/>).</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, on the server's clock, as the API's timestamps are.</summary>
    public Google.Protobuf.WellKnownTypes.Timestamp Now() => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Time.GetUtcNow());

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
        var concept = new Concept { Id = id, Name = string.IsNullOrEmpty(name) ? id : name, AppId = AppId, UserId = UserId, Value = 1f, CreatedAt = Now() };
        Concepts.Add(id, concept);
        ConceptOrder.Add(id);
        return concept;
    }
}
