using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>A model the emulator holds: its message, its classifier configuration, and its versions (oldest first).</summary>
internal sealed class StoredModel
{
    public StoredModel(Model proto, IReadOnlyList<string> concepts, bool conceptsMutuallyExclusive, bool closedEnvironment)
    {
        Proto = proto;
        Concepts = concepts;
        ConceptsMutuallyExclusive = conceptsMutuallyExclusive;
        ClosedEnvironment = closedEnvironment;
    }

    public Model Proto { get; }

    public string Id => Proto.Id;

    public IReadOnlyList<string> Concepts { get; }

    public bool ConceptsMutuallyExclusive { get; }

    public bool ClosedEnvironment { get; }

    /// <summary>Guarded by the owning <see cref="AppData"/>'s lock.</summary>
    public List<StoredModelVersion> Versions { get; } = [];

    /// <summary>The built-in model this is, or <see langword="null"/> for a model a user created.</summary>
    public BuiltInModel? BuiltIn { get; init; }

    /// <summary>Whether the model classifies texts (model type <c>text-classifier</c>) rather than images.</summary>
    public bool TakesText => Proto.ModelTypeId == "text-classifier";
}
