using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>Checks and reads the two ways an image reaches Clarifai (a URL or bytes), for inputs and predictions alike.</summary>
internal static class ImageContent
{
    public static Uri ParseUrl(string url, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url, paramName);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new ArgumentException($"'{url}' is not an absolute URL.", paramName);
        return CheckUrl(uri, paramName);
    }

    public static Uri CheckUrl(Uri url, string paramName)
    {
        ArgumentNullException.ThrowIfNull(url, paramName);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http(s) URL.", paramName);
        }

        return url;
    }

    public static ByteString Copy(ReadOnlySpan<byte> bytes, string paramName)
    {
        CheckSize(bytes.Length, paramName);
        return ByteString.CopyFrom(bytes);
    }

    /// <summary>Reads a whole file; the array is wrapped, not copied, since nobody else holds it.</summary>
    public static async Task<ByteString> ReadFileAsync(string path, string paramName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, paramName);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0) throw new ArgumentException($"The file '{path}' is empty.", paramName);
        if (bytes.Length > ClarifaiLimits.MaxImageBytes) throw TooLarge(bytes.Length, paramName, $"The file '{path}'");
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    /// <summary>Reads a stream to its end, refusing it at once when its known length is out of bounds.</summary>
    public static async Task<ByteString> ReadStreamAsync(Stream stream, string paramName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream, paramName);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", paramName);
        if (stream.CanSeek) CheckSize(stream.Length - stream.Position, paramName);
        var bytes = await ByteString.FromStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        CheckSize(bytes.Length, paramName);
        return bytes;
    }

    /// <summary>Image content must be 1 byte to <see cref="ClarifaiLimits.MaxImageBytes"/>.</summary>
    public static void CheckSize(long length, string paramName)
    {
        if (length == 0) throw new ArgumentException("The image content is empty.", paramName);
        if (length > ClarifaiLimits.MaxImageBytes) throw TooLarge(length, paramName, "The image");
    }

    private static ArgumentException TooLarge(long length, string paramName, string what) =>
        new($"{what} is {length:N0} bytes; Clarifai takes images of at most {ClarifaiLimits.MaxImageBytes:N0} bytes (20 MB).", paramName);
}
