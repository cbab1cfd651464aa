using System.Buffers.Binary;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The format and dimensions of an encoded image, read from its header by this code alone — before any decoder sees
/// the bytes. StbImageSharp spins forever on some truncated JPEG headers (even to read their dimensions) and allocates
/// whatever a header declares, so an image must pass here first: a known format whose structure is complete
/// (for JPEG, every segment in bounds through SOF, SOS and the end marker), with its declared size known.
/// </summary>
internal readonly record struct ImageHeader(string Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    /// <summary>Reads the header, or returns <see langword="null"/> for an unknown format or a broken structure.</summary>
    public static ImageHeader? TryRead(ReadOnlySpan<byte> data)
    {
        var header = data switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png(data),
            [0xFF, 0xD8, ..] => Jpeg(data),
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => Gif(data),
            [(byte)'B', (byte)'M', ..] => Bmp(data),
            _ => null,
        };
        return header is { Width: > 0, Height: > 0 } ? header : null;
    }

    private static ImageHeader? Png(ReadOnlySpan<byte> data)
    {
        // Signature (8), then the IHDR chunk: length (4), "IHDR", width (4), height (4), all big-endian.
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
        return new ImageHeader("png", BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
    }

    private static ImageHeader? Gif(ReadOnlySpan<byte> data) =>
        data.Length < 13 ? null : new ImageHeader("gif", BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));

    private static ImageHeader? Bmp(ReadOnlySpan<byte> data) =>
        data.Length < 26 ? null : new ImageHeader("bmp", BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..])));

    /// <summary>Walks the JPEG's segments with bounds checks; the dimensions come from the frame header (SOFn).</summary>
    private static ImageHeader? Jpeg(ReadOnlySpan<byte> data)
    {
        int width = 0, height = 0;
        var sawFrame = false;
        var sawScan = false;
        var pos = 2;
        while (pos < data.Length)
        {
            if (data[pos] != 0xFF) return null;
            while (pos < data.Length && data[pos] == 0xFF) pos++; // fill bytes
            if (pos >= data.Length) return null;
            var marker = data[pos++];
            if (marker == 0xD9) return sawFrame && sawScan ? new ImageHeader("jpeg", width, height) : null; // EOI
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue; // markers without a segment
            if (pos + 2 > data.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) return null;
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (length < 7) return null;
                height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                sawFrame = true;
            }

            pos += length;
            if (marker != 0xDA) continue;

            // Entropy-coded data follows the scan header, up to the next marker that is not stuffing (FF 00) or a restart.
            sawScan = true;
            while (pos + 1 < data.Length && !(data[pos] == 0xFF && data[pos + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7))) pos++;
            if (pos + 1 >= data.Length) return null;
        }

        return null;
    }
}
