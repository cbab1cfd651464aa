using Clarifai.Api;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>An image to predict on: by URL (Clarifai downloads it) or by its encoded bytes.</summary>
public sealed class ImageSource
{
    private ImageSource(Uri? url, ByteString? bytes)
    {
        Url = url;
        Bytes = bytes;
    }

    /// <summary>The image's URL, or <see langword="null"/>.</summary>
    public Uri? Url { get; }

    /// <summary>The image's bytes, or <see langword="null"/>.</summary>
    public ByteString? Bytes { get; }

    /// <summary>An image at a URL.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    public static ImageSource FromUrl(string url) => new(ImageContent.ParseUrl(url, nameof(url)), bytes: null);

    /// <summary>An image at a URL.</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    public static ImageSource FromUrl(Uri url) => new(ImageContent.CheckUrl(url, nameof(url)), bytes: null);

    /// <summary>An image given by its encoded bytes (copied).</summary>
    /// <param name="bytes">The image file's content; not empty.</param>
    /// <returns>The source.</returns>
    public static ImageSource FromBytes(ReadOnlySpan<byte> bytes) => new(url: null, ImageContent.Copy(bytes, nameof(bytes)));

    /// <summary>An image read from a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The source.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<ImageSource> FromFileAsync(string path, CancellationToken cancellationToken = default)
        => new(url: null, await ImageContent.ReadFileAsync(path, nameof(path), cancellationToken).ConfigureAwait(false));

    /// <summary>An image read from a stream (to its end).</summary>
    /// <param name="stream">A readable stream positioned at the image's first byte.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The stream is not readable, or its content is empty or over 20 MB.</exception>
    public static async Task<ImageSource> FromStreamAsync(Stream stream, CancellationToken cancellationToken = default)
        => new(url: null, await ImageContent.ReadStreamAsync(stream, nameof(stream), cancellationToken).ConfigureAwait(false));

    /// <summary>The PostModelOutputs input of this image.</summary>
    /// <returns>A new <see cref="Input"/>.</returns>
    public Input ToProto() =>
        new() { Data = new Data { Image = Url is not null ? new Image { Url = Url.AbsoluteUri } : new Image { Base64 = Bytes } } };

    /// <inheritdoc />
    public override string ToString() => Url is not null ? $"ImageSource({Url})" : $"ImageSource({Bytes!.Length} bytes)";
}
