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

    /// <summary>Decodes the image (JPEG, PNG, BMP, GIF, …) and extracts its features; <see langword="null"/> if it cannot be decoded.</summary>
    public static float[]? TryExtract(byte[] encoded)
    {
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(encoded, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
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
