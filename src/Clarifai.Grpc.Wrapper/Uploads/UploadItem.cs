using System.Security.Cryptography;
using Clarifai.Api;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>One input on its way through an upload: its id, its request message, and what its attempts found.</summary>
internal sealed class UploadItem
{
    private UploadItem(NewInput source, Input proto, bool idFromContent)
    {
        Source = source;
        Proto = proto;
        IdFromContent = idFromContent;
        Size = proto.CalculateSize();
    }

    public NewInput Source { get; }

    /// <summary>The PostInputs message, built once; its image bytes are shared with <see cref="Source"/>, not copied.</summary>
    public Input Proto { get; }

    public string Id => Proto.Id;

    /// <summary>The encoded size of <see cref="Proto"/>, for the byte budget of a batch.</summary>
    public int Size { get; }

    /// <summary>How many times the input was sent.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Whether a request carrying the input may have reached the server without its answer reaching us: then a later
    /// "already exists" for this id may be this upload's own earlier success, which <see cref="DuplicateAnswerResolver"/> decides.
    /// </summary>
    public bool MaybeStored { get; set; }

    /// <summary>
    /// Whether the id is the hash of the content (<see cref="UploadIdMode.ContentHash"/>, no id given): then an
    /// "already exists" may be this job's own input from any earlier run, which <see cref="DuplicateAnswerResolver"/> decides.
    /// </summary>
    public bool IdFromContent { get; }

    /// <summary>When the input was first sent, for judging an "already exists" answer (see <see cref="DuplicateAnswerResolver"/>).</summary>
    public DateTimeOffset? FirstSentAt { get; set; }

    /// <summary>
    /// When an earlier run of the job sent this very input (same id and content hash, from the checkpoint's
    /// <see cref="UploadCheckpointState.Sent"/> record) without living to record its outcome; <see langword="null"/> when
    /// no earlier run did. Then an "already exists" may be that run's success, which <see cref="DuplicateAnswerResolver"/> decides.
    /// </summary>
    public DateTimeOffset? SentByEarlierRun { get; set; }

    /// <summary>
    /// Whether an "already exists" answer for this input is worth reading back: some attempt of this job may have stored
    /// it (this run's lost answer, an earlier run's sent record, an id that is the content's hash), or its content is
    /// one the API returns (a URL or a text), so that the stored input can be compared with it.
    /// </summary>
    public bool DuplicateMayBeOwn => MaybeStored || IdFromContent || SentByEarlierRun is not null || Source.Bytes is null;

    /// <summary>
    /// The earliest the stored input may have been created for an "already exists" to be this job's doing, or
    /// <see langword="null"/> when the content itself is the evidence (a content-hash id, a URL or a text, which the API
    /// returns and the comparison checks). Bytes under the caller's own id need time evidence: Clarifai never returns them.
    /// </summary>
    public DateTimeOffset? StoredNoEarlierThan => IdFromContent || Source.Bytes is null ? null : SentByEarlierRun ?? FirstSentAt;

    private string? _contentHash;

    /// <summary>
    /// 32 hex digits of the SHA-256 of the encoded request message (id, content, concepts, metadata): what a checkpoint
    /// records as sent, so that a re-run can tell whether the row it reads now is the one an earlier run sent.
    /// Computed once, streaming the message through the hash (no copy of the image).
    /// </summary>
    public string ContentHash => _contentHash ??= HashOf(Proto);

    private static string HashOf(Input proto)
    {
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write, leaveOpen: true))
        {
            proto.WriteTo(hashing);
        }

        return Convert.ToHexStringLower(sha.Hash.AsSpan(0, 16));
    }

    private int _reported;

    /// <summary>
    /// Claims the right to report this input's outcome: true exactly once. The reader (for inputs it could not hand
    /// over) and the workers (for inputs they took) both report; this makes "exactly one outcome per input" hold even
    /// if a cancellation races a hand-over.
    /// </summary>
    public bool TryClaimReport() => Interlocked.Exchange(ref _reported, 1) == 0;

    public static UploadItem Create(NewInput source, UploadIdMode idMode)
    {
        var proto = source.ToProto();
        var idFromContent = proto.Id.Length == 0 && idMode == UploadIdMode.ContentHash;
        if (proto.Id.Length == 0) proto.Id = idFromContent ? ContentId(source) : Guid.NewGuid().ToString("N");
        return new UploadItem(source, proto, idFromContent);
    }

    /// <summary>32 hex digits of the SHA-256 of the image: its bytes, or its URL.</summary>
    private static string ContentId(NewInput source)
    {
        Span<byte> hash = stackalloc byte[32];
        if (source.Bytes is { } bytes) SHA256.HashData(bytes.Span, hash);
        else SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source.Text is { } text ? "text:" + text : source.Url!.AbsoluteUri), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
