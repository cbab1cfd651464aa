using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// Decides, from evidence, whether an input answered "already exists" (30100) after an earlier attempt whose answer
/// was lost is the one that attempt stored — one success — or a different input that was there before — a real
/// conflict. <see cref="InputService.AddAsync"/> and the uploader both ask it, so they agree.
/// </summary>
/// <remarks>
/// The stored input under the same id is read back (ListInputs by ids) and compared with what was sent: the same
/// concepts and metadata, and the same URL for a URL input. Clarifai never returns an image's bytes, so for a byte
/// input the evidence is that it was created no earlier than the first attempt (less <see cref="ClockSkew"/>):
/// an input that existed before this call began cannot be this call's doing — unless its id is the hash of its content
/// (<see cref="UploadIdMode.ContentHash"/>): then the id itself is the evidence, whenever the input was stored, and an
/// upload job re-run after a crash recognises what its earlier run stored.
/// </remarks>
internal static class DuplicateAnswerResolver
{
    /// <summary>How far the server's clock may be behind ours when comparing creation times.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Reads the stored inputs for <paramref name="sent"/> and returns, by id, those that are the caller's own.</summary>
    /// <param name="executor">The pipeline that reads them back.</param>
    /// <param name="sent">The inputs as sent.</param>
    /// <param name="firstSentAt">When the first attempt began; <see langword="null"/> when the ids are hashes of the content, which needs no time evidence.</param>
    /// <param name="settings">The read's call settings.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ClarifaiException">The ListInputs call failed.</exception>
    public static Task<IReadOnlyDictionary<string, Input>> FindOwnAsync(ClarifaiCallExecutor executor, IReadOnlyList<Input> sent, DateTimeOffset? firstSentAt, CallSettings? settings, CancellationToken cancellationToken) =>
        FindOwnAsync(executor, sent.Select(input => (input, firstSentAt)).ToList(), settings, cancellationToken);

    /// <summary>Reads the stored inputs for <paramref name="sent"/> and returns, by id, those that are the caller's own.</summary>
    /// <param name="executor">The pipeline that reads them back.</param>
    /// <param name="sent">The inputs as sent, each with the earliest time its stored copy may have been created (<see langword="null"/>: the content is the evidence).</param>
    /// <param name="settings">The read's call settings.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ClarifaiException">The ListInputs call failed.</exception>
    public static async Task<IReadOnlyDictionary<string, Input>> FindOwnAsync(ClarifaiCallExecutor executor, IReadOnlyList<(Input Sent, DateTimeOffset? NotBefore)> sent, CallSettings? settings, CancellationToken cancellationToken)
    {
        var own = new Dictionary<string, Input>(StringComparer.Ordinal);
        foreach (var chunk in sent.Chunk(ClarifaiLimits.MaxInputsPerRequest))
        {
            var request = new ListInputsRequest { Page = 1, PerPage = (uint)chunk.Length };
            request.Ids.AddRange(chunk.Select(i => i.Sent.Id));
            var response = await executor.CallAsync(ClarifaiRpcs.ListInputs, request, settings, cancellationToken).ConfigureAwait(false);
            var stored = response.Inputs.ToDictionary(i => i.Id, StringComparer.Ordinal);
            foreach (var (input, notBefore) in chunk)
            {
                if (stored.TryGetValue(input.Id, out var found) && IsSame(input, found, notBefore)) own[input.Id] = found;
            }
        }

        return own;
    }

    /// <summary>Whether <paramref name="stored"/> is the input <paramref name="sent"/>, stored by an attempt that began at <paramref name="firstSentAt"/> (<see langword="null"/>: the id is the content's hash).</summary>
    public static bool IsSame(Input sent, Input stored, DateTimeOffset? firstSentAt)
    {
        if (sent.Id != stored.Id) return false;
        if (!SameConcepts(sent.Data, stored.Data)) return false;
        if (!Equals(sent.Data?.Metadata ?? new Struct(), stored.Data?.Metadata ?? new Struct())) return false;
        var url = sent.Data?.Image?.Url ?? string.Empty;
        if (url.Length > 0) return url == (stored.Data?.Image?.Url ?? string.Empty);
        if (sent.Data?.Text is { } text && text.Raw != (stored.Data?.Text?.Raw ?? string.Empty)) return false;
        if (firstSentAt is not { } began) return true;
        return stored.CreatedAt is { } created && created.ToDateTimeOffset() >= began - ClockSkew;
    }

    private static bool SameConcepts(Data? sent, Data? stored)
    {
        var a = (sent?.Concepts ?? []).Select(c => (c.Id, c.Value)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var b = (stored?.Concepts ?? []).Select(c => (c.Id, c.Value)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        return a.SequenceEqual(b);
    }
}
