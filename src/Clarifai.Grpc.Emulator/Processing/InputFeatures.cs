using System.Text;
using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>The features of an input's content, fetched when it is a URL: one rule for processing, training and prediction.</summary>
internal static class InputFeatures
{
    /// <summary>Whether the input carries a text (raw or by URL) rather than an image.</summary>
    public static bool IsText(Input input) => input.Data?.Text is { } text && (text.Raw.Length > 0 || text.Url.Length > 0);

    /// <summary>The features of the input's content: text features for a text, image features otherwise.</summary>
    public static Task<(float[]? Features, string? Error)> ExtractAsync(Input input, ImageFetcher fetcher, CancellationToken cancellationToken) =>
        IsText(input) ? TextAsync(input, fetcher, cancellationToken) : ImageAsync(input, fetcher, cancellationToken);

    /// <summary>The image features of the input's image (its bytes, or fetched from its URL), or why there are none.</summary>
    public static async Task<(float[]? Features, string? Error)> ImageAsync(Input input, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        var image = input.Data?.Image;
        if (image is null || (image.Base64.IsEmpty && image.Url.Length == 0)) return (null, NoImage(input.Data));
        var (content, error) = image.Base64.IsEmpty ? await fetcher.FetchAsync(image.Url, cancellationToken).ConfigureAwait(false) : (image.Base64.ToByteArray(), null);
        return content is null ? (null, error) : await ImageFeatures.ExtractAsync(content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text features of the input's text (raw, or fetched from its URL as UTF-8), or why there are none.</summary>
    public static async Task<(float[]? Features, string? Error)> TextAsync(Input input, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        var text = input.Data?.Text;
        if (text is null || (text.Raw.Length == 0 && text.Url.Length == 0)) return (null, "The input has no text");
        if (text.Raw.Length > 0) return (TextFeatures.Extract(text.Raw), null);
        var (content, error) = await fetcher.FetchAsync(text.Url, cancellationToken).ConfigureAwait(false);
        return content is null ? (null, error) : (TextFeatures.Extract(Encoding.UTF8.GetString(content)), null);
    }

    /// <summary>Why an input without an image has no image features: a video or audio is named, since those are what the local server does not decode.</summary>
    private static string NoImage(Data? data) =>
        data?.Video is not null ? "The input is a video: the local server's models read images and texts, not videos"
        : data?.Audio is not null ? "The input is an audio: the local server's models read images and texts, not audio"
        : "The input has no image";
}
