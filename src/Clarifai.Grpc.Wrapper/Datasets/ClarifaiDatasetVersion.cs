using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Datasets;

/// <summary>A version of a dataset: its inputs frozen at the moment it was made (64015 DATASET_VERSION_READY when ready).</summary>
public sealed class ClarifaiDatasetVersion
{
    /// <summary>Creates the typed view of a dataset version message.</summary>
    /// <param name="proto">The version as the API returned it.</param>
    public ClarifaiDatasetVersion(DatasetVersion proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The version's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The dataset it versions.</summary>
    public string DatasetId => Proto.DatasetId;

    /// <summary>Its state (64015 ready, 64005 pending, 64020 failed, …).</summary>
    public ClarifaiStatus Status => ClarifaiStatus.FromProto(Proto.Status);

    /// <summary>When it was made.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The version as the API returned it.</summary>
    public DatasetVersion Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Dataset {DatasetId} version {Id}";
}
