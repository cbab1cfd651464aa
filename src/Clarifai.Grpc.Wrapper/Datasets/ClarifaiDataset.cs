using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Datasets;

/// <summary>A dataset: a named set of the app's inputs, with versions that freeze it.</summary>
public sealed class ClarifaiDataset
{
    /// <summary>Creates the typed view of a dataset message.</summary>
    /// <param name="proto">The dataset as the API returned it.</param>
    public ClarifaiDataset(Dataset proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The dataset's id.</summary>
    public string Id => Proto.Id;

    /// <summary>Its description.</summary>
    public string Description => Proto.Description;

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>Its latest version's id, or <see langword="null"/> when it has none.</summary>
    public string? LatestVersionId => Proto.Version is { Id.Length: > 0 } version ? version.Id : null;

    /// <summary>The dataset as the API returned it.</summary>
    public Dataset Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Dataset {Id}";
}
