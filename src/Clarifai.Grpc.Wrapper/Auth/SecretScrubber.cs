using Clarifai.Api.Accessors;
using System.Buffers;
using System.Collections;
using Google.Protobuf;
using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Removes the API key from everything the server sends back — every string of every response message (statuses,
/// <c>req_id</c>s, per-item statuses, model version statuses), gRPC status details, debug exceptions, headers and
/// trailers — in case a server or a proxy echoes it. It runs in the credentials layer, under every RPC, so every
/// exception, status view, log line and activity tag built afterwards is free of the key, whatever the path.
/// </summary>
internal sealed class SecretScrubber
{
    /// <summary>What stands in for the key.</summary>
    public const string Mask = "***";

    private readonly string _secret;
    private readonly byte[] _secretUtf8;

    public SecretScrubber(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = secret;
        _secretUtf8 = System.Text.Encoding.UTF8.GetBytes(secret);
    }

    public bool Contains(string? text) => text is not null && text.Contains(_secret, StringComparison.Ordinal);

    /// <summary>
    /// Whether an encoded protobuf message holds the key: a string field holds its text as UTF-8 bytes, contiguous, so
    /// a payload without those bytes has no field with the key — one vectorised search instead of a walk of every field.
    /// </summary>
    public bool Contains(ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment) return payload.FirstSpan.IndexOf(_secretUtf8) >= 0;
        var reader = new SequenceReader<byte>(payload);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, _secretUtf8, advancePastDelimiter: false);
    }

    public string Redact(string text) => Contains(text) ? text.Replace(_secret, Mask, StringComparison.Ordinal) : text;

    /// <summary>Redacts every string field of <paramref name="message"/> and of the messages below it, in place.</summary>
    /// <returns>The same message.</returns>
    public T Scrub<T>(T message)
    {
        if (message is IMessage root) ScrubMessage(root, depth: 0);
        return message;
    }

    /// <summary>The response of <paramref name="response"/>, scrubbed (unless <paramref name="checkedOnArrival"/>: see <see cref="ScrubbingMarshallers"/>); its failure, scrubbed.</summary>
    public async Task<T> ScrubAsync<T>(Task<T> response, bool checkedOnArrival = false)
    {
        try
        {
            var message = await response.ConfigureAwait(false);
            return checkedOnArrival ? message : Scrub(message);
        }
        catch (RpcException e)
        {
            throw Scrub(e);
        }
    }

    /// <summary>The headers of <paramref name="headers"/>, scrubbed; their failure, scrubbed.</summary>
    public async Task<Metadata> ScrubAsync(Task<Metadata> headers)
    {
        try
        {
            return Scrub(await headers.ConfigureAwait(false));
        }
        catch (RpcException e)
        {
            throw Scrub(e);
        }
    }

    /// <summary>The exception itself when it holds no secret, else a copy with the secret masked everywhere.</summary>
    public RpcException Scrub(RpcException exception)
    {
        var status = Scrub(exception.Status);
        if (ReferenceEquals(status.Detail, exception.Status.Detail) && ReferenceEquals(status.DebugException, exception.Status.DebugException)
            && !Contains(exception.Trailers) && !Contains(exception.Message))
        {
            return exception;
        }

        return new RpcException(status, Scrub(exception.Trailers));
    }

    /// <summary>The status itself when it holds no secret, else a copy with the secret masked in its detail and debug exception.</summary>
    public GrpcStatus Scrub(GrpcStatus status)
    {
        var debug = status.DebugException;
        var debugLeaks = debug is not null && Contains(debug.ToString());
        if (!Contains(status.Detail) && !debugLeaks) return status;

        // A debug exception that quotes the key is replaced by its text, redacted; its type and stack are not worth the key.
        return new GrpcStatus(status.StatusCode, Redact(status.Detail), debugLeaks ? new InvalidOperationException(Redact(debug!.ToString())) : debug);
    }

    public Metadata Scrub(Metadata metadata)
    {
        if (!Contains(metadata)) return metadata;
        var copy = new Metadata();
        foreach (var entry in metadata)
        {
            if (entry.IsBinary) copy.Add(entry);
            else copy.Add(entry.Key, Redact(entry.Value));
        }

        return copy;
    }

    private bool Contains(Metadata? metadata)
    {
        if (metadata is null) return false;
        foreach (var entry in metadata)
        {
            if (!entry.IsBinary && Contains(entry.Value)) return true;
        }

        return false;
    }

    private void ScrubMessage(IMessage message, int depth)
    {
        // Protobuf's own recursion limit: deeper messages cannot have been parsed from the wire.
        if (depth > 100) return;
        foreach (var member in MessageProperties.TextMembersOf(message.GetType()))
        {
            var value = member.Get(message);
            switch (member.Kind)
            {
                case TextMemberKind.Text when value is string text && Contains(text):
                    member.SetText!(message, Redact(text));
                    break;
                case TextMemberKind.Message when value is IMessage child:
                    ScrubMessage(child, depth + 1);
                    break;
                case TextMemberKind.List when value is IList list:
                    ScrubList(list, depth);
                    break;
                case TextMemberKind.Map when value is IDictionary map:
                    ScrubMap(map, depth);
                    break;
            }
        }
    }

    private void ScrubList(IList list, int depth)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is string text) { if (Contains(text)) list[i] = Redact(text); }
            else if (list[i] is IMessage child) ScrubMessage(child, depth + 1);
        }
    }

    private void ScrubMap(IDictionary map, int depth)
    {
        List<(object Key, object? Value)>? replaced = null;
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Value is IMessage child) ScrubMessage(child, depth + 1);
            var keyLeaks = entry.Key is string k && Contains(k);
            var valueLeaks = entry.Value is string v && Contains(v);
            if (keyLeaks || valueLeaks) (replaced ??= []).Add((entry.Key, entry.Value));
        }

        if (replaced is null) return;
        foreach (var (key, value) in replaced)
        {
            map.Remove(key);
            map[key is string k ? Redact(k) : key] = value is string v ? Redact(v) : value;
        }
    }
}
