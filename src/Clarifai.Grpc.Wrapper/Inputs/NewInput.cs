using System.Collections.Immutable;
using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// An image (or a text) to add to an app, with its labels: positive concepts (value 1), negative concepts (value 0, "not this"),
/// metadata and an optional client-chosen id. Immutable: every <c>With…</c> returns a new instance.
/// </summary>
/// <example>
/// <code>
/// NewInput.FromUrl("https://samples.clarifai.com/puppy.jpeg", allowDuplicateUrl: true)
///         .WithConcepts("charlie").WithoutConcepts("our_wedding");
/// </code>
/// </example>
public sealed class NewInput
{
    private NewInput(Uri? url, bool allowDuplicateUrl, ByteString? bytes, string? text = null)
    {
        Url = url;
        AllowDuplicateUrl = allowDuplicateUrl;
        Bytes = bytes;
        Text = text;
    }

    /// <summary>The image's URL, when the input is added by URL (Clarifai downloads it).</summary>
    public Uri? Url { get; }

    /// <summary>Whether Clarifai may accept a URL the app already holds; otherwise such an input fails with 30100.</summary>
    public bool AllowDuplicateUrl { get; }

    /// <summary>The image's bytes, when the input is added by content.</summary>
    public ByteString? Bytes { get; }

    /// <summary>The text, when the input is a text rather than an image (for text classifiers and search).</summary>
    public string? Text { get; }

    /// <summary>The client-chosen input id, or <see langword="null"/> to let Clarifai choose.</summary>
    public string? Id { get; private init; }

    /// <summary>Concepts the image shows (value 1).</summary>
    public ImmutableArray<string> Concepts { get; private init; } = [];

    /// <summary>Concepts the image does not show (value 0): negative examples for training.</summary>
    public ImmutableArray<string> NegativeConcepts { get; private init; } = [];

    /// <summary>Metadata stored with the input, or <see langword="null"/>.</summary>
    public Struct? Metadata { get; private init; }

    /// <summary>The size of the image content this input sends (0 for a URL).</summary>
    public long ContentLength => Bytes?.Length ?? (Text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(Text));

    /// <summary>An image Clarifai downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <param name="allowDuplicateUrl">Accept the URL even if the app already has an input with it.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    public static NewInput FromUrl(string url, bool allowDuplicateUrl = false) =>
        new(ImageContent.ParseUrl(url, nameof(url)), allowDuplicateUrl, bytes: null);

    /// <summary>An image Clarifai downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <param name="allowDuplicateUrl">Accept the URL even if the app already has an input with it.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    public static NewInput FromUrl(Uri url, bool allowDuplicateUrl = false) =>
        new(ImageContent.CheckUrl(url, nameof(url)), allowDuplicateUrl, bytes: null);

    /// <summary>A text input (a sentence, a document), for text classifiers and text search.</summary>
    /// <param name="text">The text; not empty, at most 20 MB as UTF-8.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The text is empty or too large.</exception>
    public static NewInput FromText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ImageContent.CheckSize(System.Text.Encoding.UTF8.GetByteCount(text), nameof(text));
        return new NewInput(url: null, allowDuplicateUrl: false, bytes: null, text);
    }

    /// <summary>An image given by its encoded bytes (JPEG, PNG, …).</summary>
    /// <param name="bytes">The image file's content; not empty. Copied.</param>
    /// <returns>The input.</returns>
    public static NewInput FromBytes(ReadOnlySpan<byte> bytes) =>
        new(url: null, allowDuplicateUrl: false, ImageContent.Copy(bytes, nameof(bytes)));

    /// <summary>An image given by its encoded bytes, without copying them.</summary>
    /// <param name="bytes">The image file's content; not empty.</param>
    /// <returns>The input.</returns>
    public static NewInput FromBytes(ByteString bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ImageContent.CheckSize(bytes.Length, nameof(bytes));
        return new NewInput(url: null, allowDuplicateUrl: false, bytes);
    }

    /// <summary>An image read from a stream (to its end).</summary>
    /// <param name="stream">A readable stream positioned at the image's first byte.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input.</returns>
    public static async Task<NewInput> FromStreamAsync(Stream stream, CancellationToken cancellationToken = default) =>
        FromBytes(await ImageContent.ReadStreamAsync(stream, nameof(stream), cancellationToken).ConfigureAwait(false));

    /// <summary>An image read from a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<NewInput> FromFileAsync(string path, CancellationToken cancellationToken = default)
        => new(url: null, allowDuplicateUrl: false, await ImageContent.ReadFileAsync(path, nameof(path), cancellationToken).ConfigureAwait(false));

    /// <summary>Sets a client-chosen input id; with ids, a retried add cannot create the input twice.</summary>
    /// <param name="id">The id: 1 to 128 ASCII letters, digits, <c>-</c>, <c>_</c> or <c>.</c> (the one id rule of the client).</param>
    /// <exception cref="ArgumentException">The id breaks that rule.</exception>
    /// <returns>A new input with the id.</returns>
    public NewInput WithId(string id)
    {
        Guard.Id(id, nameof(id), "input id");
        return new NewInput(Url, AllowDuplicateUrl, Bytes, Text) { Id = id, Concepts = Concepts, NegativeConcepts = NegativeConcepts, Metadata = Metadata };
    }

    /// <summary>Adds concepts the image shows (value 1).</summary>
    /// <param name="conceptIds">Concept ids, not empty, each listed once.</param>
    /// <exception cref="ArgumentException">An id is empty, repeated, or already marked present or absent on this input.</exception>
    /// <returns>A new input with the concepts.</returns>
    public NewInput WithConcepts(params string[] conceptIds) =>
        new(Url, AllowDuplicateUrl, Bytes, Text) { Id = Id, Concepts = Concepts.AddRange(CheckConcepts(conceptIds, nameof(conceptIds))), NegativeConcepts = NegativeConcepts, Metadata = Metadata };

    /// <summary>Adds concepts the image does not show (value 0): negative examples.</summary>
    /// <param name="conceptIds">Concept ids, not empty, each listed once.</param>
    /// <exception cref="ArgumentException">An id is empty, repeated, or already marked present or absent on this input.</exception>
    /// <returns>A new input with the negative concepts.</returns>
    public NewInput WithoutConcepts(params string[] conceptIds) =>
        new(Url, AllowDuplicateUrl, Bytes, Text) { Id = Id, Concepts = Concepts, NegativeConcepts = NegativeConcepts.AddRange(CheckConcepts(conceptIds, nameof(conceptIds))), Metadata = Metadata };

    /// <summary>Sets metadata stored with the input.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>A new input with the metadata.</returns>
    public NewInput WithMetadata(Struct metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new NewInput(Url, AllowDuplicateUrl, Bytes, Text) { Id = Id, Concepts = Concepts, NegativeConcepts = NegativeConcepts, Metadata = metadata.Clone() };
    }

    /// <summary>Sets metadata from string values.</summary>
    /// <param name="metadata">Keys and values.</param>
    /// <returns>A new input with the metadata.</returns>
    public NewInput WithMetadata(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var value = new Struct();
        foreach (var (key, text) in metadata) value.Fields[key] = Value.ForString(text);
        return WithMetadata(value);
    }

    /// <summary>The PostInputs message of this input.</summary>
    /// <returns>A new <see cref="Input"/>.</returns>
    public Input ToProto()
    {
        var data = new Data();
        if (Text is not null)
        {
            data.Text = new Text { Raw = Text };
        }
        else if (Url is not null)
        {
            data.Image = new Image { Url = Url.AbsoluteUri, AllowDuplicateUrl = AllowDuplicateUrl };
        }
        else
        {
            data.Image = new Image { Base64 = Bytes };
        }

        foreach (var concept in Concepts) data.Concepts.Add(new Concept { Id = concept, Value = 1f });
        foreach (var concept in NegativeConcepts) data.Concepts.Add(new Concept { Id = concept, Value = 0f });
        if (Metadata is not null) data.Metadata = Metadata.Clone();
        return new Input { Id = Id ?? string.Empty, Data = data };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"NewInput({(Url is not null ? Url.AbsoluteUri : Text is not null ? $"text, {Text.Length} characters" : $"{ContentLength} bytes")}{(Id is null ? string.Empty : $", id {Id}")}, concepts [{string.Join(", ", Concepts)}], not [{string.Join(", ", NegativeConcepts)}])";

    /// <summary>
    /// Each concept id valid, listed once, and never both present and absent: Clarifai would store whichever came
    /// last, so a contradiction is refused here instead.
    /// </summary>
    private string[] CheckConcepts(string[] conceptIds, string paramName)
    {
        ArgumentNullException.ThrowIfNull(conceptIds, paramName);
        if (conceptIds.Length == 0) throw new ArgumentException("At least one concept id is required.", paramName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in conceptIds)
        {
            Guard.ConceptId(id, paramName);
            if (!seen.Add(id) || Concepts.Contains(id) || NegativeConcepts.Contains(id))
            {
                var other = Concepts.Contains(id) ? "present" : NegativeConcepts.Contains(id) ? "absent" : null;
                throw new ArgumentException(
                    other is null ? $"The concept '{id}' is listed twice." : $"The concept '{id}' is already marked {other} on this input; an input cannot both have and not have a concept, nor list it twice.",
                    paramName);
            }
        }

        return conceptIds;
    }
}
