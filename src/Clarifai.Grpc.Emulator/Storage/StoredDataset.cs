using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>A dataset: its record, the app's inputs it holds (in the order they were added), and its versions (snapshots of those inputs).</summary>
internal sealed class StoredDataset(Dataset proto)
{
    public Dataset Proto { get; } = proto;

    public string Id => Proto.Id;

    /// <summary>The inputs in the dataset, in the order they were added (each once).</summary>
    public List<string> InputIds { get; } = [];

    /// <summary>When each input was added.</summary>
    public Dictionary<string, Google.Protobuf.WellKnownTypes.Timestamp> AddedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The versions, oldest first, each with the input ids it froze.</summary>
    public List<(DatasetVersion Version, IReadOnlyList<string> InputIds)> Versions { get; } = [];
}
