using StbImageSharp;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Turns an encoded image into a small feature vector: mean colour, mean saturation and brightness, contrast, and a
/// saturation-weighted histogram of 12 hues. This stands in for Clarifai's embedding models: enough to tell clearly
/// different images apart (warm against cold scenes), not a general-purpose vision model.
/// </summary>
internal static class ImageFeatures
{
    public const int HueBins = 12;
    public const int Length = 6 + HueBins;

    /// <summary>Clarifai's limit on the pixels of one image.</summary>
    public const long MaxPixels = 85_000_000;

    /// <summary>The longest a decode may take before the image is given up on.</summary>
    public static readonly TimeSpan DecodeBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks the image's header (<see cref="ImageHeader"/>: known format, complete structure, at most
    /// <see cref="MaxPixels"/>), decodes it within <see cref="DecodeBudget"/> and extracts its features.
    /// </summary>
    /// <returns>The features, or why there are none.</returns>
    public static async Task<(float[]? Features, string? Error)> ExtractAsync(byte[] encoded, CancellationToken cancellationToken)
    {
        if (ImageHeader.TryRead(encoded) is not { } header) return (null, "The content is not a complete PNG, JPEG, GIF or BMP image");
        if (header.Pixels > MaxPixels)
        {
            return (null, $"The image is {header.Width}x{header.Height} ({header.Pixels / 1e6:0.#} megapixels); the limit is {MaxPixels / 1_000_000} megapixels");
        }

        // The header checks stop every pathological input we know of; the budget bounds what we do not know.
        var decode = Task.Run(() => TryDecode(encoded), CancellationToken.None);
        try
        {
            var features = await decode.WaitAsync(DecodeBudget, cancellationToken).ConfigureAwait(false);
            return features is null ? (null, "The content could not be decoded as an image") : (features, null);
        }
        catch (TimeoutException)
        {
            return (null, $"Decoding the image took longer than {DecodeBudget.TotalSeconds:0} s");
        }
    }

    private static float[]? TryDecode(byte[] encoded)
    {
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(encoded, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or OutOfMemoryException)
        {
            return null;
        }

        if (image?.Data is not { Length: > 0 } pixels || image.Width <= 0 || image.Height <= 0) return null;
        return Extract(pixels, image.Width * image.Height);
    }

    private static float[] Extract(byte[] rgb, int pixelCount)
    {
        // Sample at most ~4096 pixels: the features are averages, and large images should not cost more.
        var step = Math.Max(1, pixelCount / 4096);
        double r = 0, g = 0, b = 0, s = 0, v = 0, luma = 0, luma2 = 0;
        var hues = new double[HueBins];
        var n = 0;
        for (var p = 0; p < pixelCount; p += step, n++)
        {
            var pr = rgb[3 * p] / 255.0;
            var pg = rgb[(3 * p) + 1] / 255.0;
            var pb = rgb[(3 * p) + 2] / 255.0;
            r += pr;
            g += pg;
            b += pb;
            var max = Math.Max(pr, Math.Max(pg, pb));
            var min = Math.Min(pr, Math.Min(pg, pb));
            var chroma = max - min;
            var saturation = max <= 0 ? 0 : chroma / max;
            s += saturation;
            v += max;
            var y = (0.299 * pr) + (0.587 * pg) + (0.114 * pb);
            luma += y;
            luma2 += y * y;
            if (chroma > 0)
            {
                var hue = max == pr ? ((pg - pb) / chroma + 6) % 6 : max == pg ? ((pb - pr) / chroma) + 2 : ((pr - pg) / chroma) + 4;
                hues[Math.Min(HueBins - 1, (int)(hue / 6 * HueBins))] += saturation;
            }
        }

        var features = new float[Length];
        features[0] = (float)(r / n);
        features[1] = (float)(g / n);
        features[2] = (float)(b / n);
        features[3] = (float)(s / n);
        features[4] = (float)(v / n);
        var mean = luma / n;
        features[5] = (float)Math.Sqrt(Math.Max(0, (luma2 / n) - (mean * mean)));
        for (var i = 0; i < HueBins; i++) features[6 + i] = (float)(hues[i] / n);
        return features;
    }
}
