using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>A model: its id, type, concepts and output configuration, and its latest version.</summary>
public sealed class ClarifaiModel
{
    /// <summary>Creates the typed view of a model message.</summary>
    /// <param name="proto">The model as the API returned it.</param>
    public ClarifaiModel(Model proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
#pragma warning disable CS0612 // output_info on Model is deprecated upstream but still what PostModels/GetModel carry.
        var outputInfo = proto.OutputInfo ?? proto.ModelVersion?.OutputInfo;
#pragma warning restore CS0612
        Concepts = outputInfo?.Data?.Concepts.Select(c => c.Id).ToImmutableArray() ?? [];
        ConceptsMutuallyExclusive = ModelOutputParameters.ReadBool(outputInfo, ModelOutputParameters.ConceptsMutuallyExclusive);
        ClosedEnvironment = ModelOutputParameters.ReadBool(outputInfo, ModelOutputParameters.ClosedEnvironment);
        LatestVersion = proto.ModelVersion is { } version && version.Id.Length > 0 ? new ClarifaiModelVersion(proto.Id, version) : null;
    }

    /// <summary>The model's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The model type, for example <c>embedding-classifier</c>.</summary>
    public string ModelTypeId => Proto.ModelTypeId;

    /// <summary>The concept ids the model predicts.</summary>
    public ImmutableArray<string> Concepts { get; }

    /// <summary>Whether an input belongs to at most one concept.</summary>
    public bool ConceptsMutuallyExclusive { get; }

    /// <summary>Whether training uses only the model's own concepts' examples (no other inputs as negatives).</summary>
    public bool ClosedEnvironment { get; }

    /// <summary>The latest version (for a new model: untrained, 21102), if the API returned one.</summary>
    public ClarifaiModelVersion? LatestVersion { get; }

    /// <summary>The message as the API returned it.</summary>
    public Model Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Model {Id} ({ModelTypeId}): concepts [{string.Join(", ", Concepts)}]";
}
