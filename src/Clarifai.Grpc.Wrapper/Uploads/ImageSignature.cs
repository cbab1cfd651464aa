namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Tells an image file from anything else by its first bytes — the formats Clarifai takes (JPEG, PNG, GIF, BMP, TIFF,
/// WebP) — so that a text saved as <c>.png</c> is named before it is sent, not accepted and then failed by the
/// server's processing (30002).
/// </summary>
internal static class ImageSignature
{
    /// <summary>The formats recognised, for messages.</summary>
    public const string Formats = "JPEG, PNG, GIF, BMP, TIFF or WebP";

    /// <summary>Whether <paramref name="content"/> starts like an image of one of <see cref="Formats"/>.</summary>
    public static bool IsImage(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)
        || (content.Length >= 14 && content.StartsWith("BM"u8))
        || content.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 0x2A, 0x00]) || content.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0x00, 0x2A])
        || (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8));
}
