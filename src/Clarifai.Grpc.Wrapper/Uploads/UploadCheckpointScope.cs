namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Whose upload a checkpoint records: where the inputs go, and (when known) what they come from. A checkpoint belongs
/// to the first scope that claims it; an upload with another scope refuses it with an
/// <see cref="UploadCheckpointScopeException"/>, because its "finished" records say nothing about another app.
/// </summary>
/// <param name="Destination">
/// Where the inputs go: <c>users/{user}/apps/{app}</c>, or, for an app-scoped key without ids,
/// <c>app-key/{fingerprint}</c> (the first 16 hex digits of the key's SHA-256: never the key).
/// </param>
/// <param name="Source">
/// The source's name (<see cref="UploadOptions.SourceName"/>: a folder's or file's name), or <see langword="null"/> when
/// unknown. Compared only when both the checkpoint and the upload have one.
/// </param>
public sealed record UploadCheckpointScope(string Destination, string? Source)
{
    /// <summary>Whether an upload with this scope may use a checkpoint that belongs to <paramref name="recorded"/>.</summary>
    /// <param name="recorded">The checkpoint's scope.</param>
    /// <returns><see langword="true"/> when the destinations are the same and the sources do not contradict each other.</returns>
    public bool Accepts(UploadCheckpointScope recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return string.Equals(Destination, recorded.Destination, StringComparison.Ordinal)
            && (Source is null || recorded.Source is null || string.Equals(Source, recorded.Source, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() => Source is null ? Destination : $"{Destination} from '{Source}'";
}
