namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>One input as an <see cref="IUploadCheckpoint"/> knows it.</summary>
/// <param name="InputId">The input's id.</param>
/// <param name="State">Sent, or finished.</param>
/// <param name="ContentHash">
/// For a sent input: the hash of everything the request said about it (id, content, concepts, metadata), so that a
/// re-run can tell whether the row it reads now is the one that was sent. Empty for a finished input.
/// </param>
/// <param name="SentAt">For a sent input: when it was sent. A stored input created well before then cannot be this job's.</param>
public sealed record UploadCheckpointEntry(string InputId, UploadCheckpointState State, string ContentHash = "", DateTimeOffset? SentAt = null);
