using Clarifai.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>
/// What a model predicts on: an image, a text, an audio or a video (by URL or content), or several of them as the parts
/// of one multimodal input; with optional metadata. Immutable.
/// </summary>
/// <example><code>
/// var answer = await clarifai.Predictions.PredictAsync(llm, ModelInput.FromText("Write a haiku about rain"), new PredictionOptions { Temperature = 0.7, MaxTokens = 100 });
/// Console.WriteLine(answer.Text);
/// </code></example>
public sealed class ModelInput
{
    private readonly Data _data;

    private ModelInput(Data data) => _data = data;

    /// <summary>An image (see <see cref="ImageSource"/> for URLs, bytes and files).</summary>
    /// <param name="image">The image.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromImage(ImageSource image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(image.ToProto().Data);
    }

    /// <summary>An image as a model input: what <see cref="FromImage"/> makes, so an image goes wherever an input is taken.</summary>
    /// <param name="image">The image.</param>
    public static implicit operator ModelInput(ImageSource image) => FromImage(image);

    /// <summary>A text to predict on (an LLM prompt, a sentence to classify).</summary>
    /// <param name="text">The text; not empty.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new(new Data { Text = new Text { Raw = text } });
    }

    /// <summary>A text the server fetches.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromTextUrl(Uri url) => new(new Data { Text = new Text { Url = ImageContent.CheckUrl(url, nameof(url)).AbsoluteUri } });

    /// <summary>An audio the server fetches.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromAudioUrl(Uri url) => new(new Data { Audio = new Audio { Url = ImageContent.CheckUrl(url, nameof(url)).AbsoluteUri } });

    /// <summary>An audio sent as content.</summary>
    /// <param name="bytes">The encoded audio; 1 byte to 20 MB.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromAudioBytes(ReadOnlySpan<byte> bytes) => new(new Data { Audio = new Audio { Base64 = ImageContent.Copy(bytes, nameof(bytes)) } });

    /// <summary>A video the server fetches.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromVideoUrl(Uri url) => new(new Data { Video = new Video { Url = ImageContent.CheckUrl(url, nameof(url)).AbsoluteUri } });

    /// <summary>A video sent as content.</summary>
    /// <param name="bytes">The encoded video; 1 byte to 20 MB.</param>
    /// <returns>The input.</returns>
    public static ModelInput FromVideoBytes(ReadOnlySpan<byte> bytes) => new(new Data { Video = new Video { Base64 = ImageContent.Copy(bytes, nameof(bytes)) } });

    /// <summary>One input made of several parts (for example an image and a question about it), for multimodal models.</summary>
    /// <param name="parts">The parts, in order; at least one, none itself multimodal.</param>
    /// <returns>The input.</returns>
    public static ModelInput Multimodal(params ModelInput[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("A multimodal input needs at least one part.", nameof(parts));
        var data = new Data();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            if (part._data.Parts.Count > 0) throw new ArgumentException("A part cannot itself be multimodal.", nameof(parts));
            data.Parts.Add(new Part { Data = part._data.Clone() });
        }

        return new(data);
    }

    /// <summary>The same input with metadata (passed to the model along with it).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>A new input.</returns>
    public ModelInput WithMetadata(Struct metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var data = _data.Clone();
        data.Metadata = metadata.Clone();
        return new(data);
    }

    /// <summary>The input message of PostModelOutputs.</summary>
    /// <returns>A new message.</returns>
    public Input ToProto() => new() { Data = _data.Clone() };

    /// <summary>
    /// The input of a request the library builds and sends, sharing this input's data instead of copying it: a
    /// <see cref="ModelInput"/> never changes, and nothing writes into a request's inputs once it is built (the
    /// credentials layer sets only the request's own <c>user_app_id</c>). A copy per call allocated every repeated field
    /// of <c>Data</c> again on each prediction.
    /// </summary>
    internal Input ToRequestInput() => new() { Data = _data };

    /// <inheritdoc />
    public override string ToString() => _data switch
    {
        { Parts.Count: > 0 } => $"ModelInput(multimodal, {_data.Parts.Count} parts)",
        { Text: { } text } => $"ModelInput(text, {(text.Url.Length > 0 ? text.Url : $"{text.Raw.Length} characters")})",
        { Audio: { } audio } => $"ModelInput(audio, {(audio.Url.Length > 0 ? audio.Url : $"{audio.Base64.Length} bytes")})",
        { Video: { } video } => $"ModelInput(video, {(video.Url.Length > 0 ? video.Url : $"{video.Base64.Length} bytes")})",
        _ => $"ModelInput(image, {(_data.Image?.Url is { Length: > 0 } url ? url : $"{_data.Image?.Base64.Length ?? 0} bytes")})",
    };
}
