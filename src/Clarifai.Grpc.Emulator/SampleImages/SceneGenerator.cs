using StbImageWriteSharp;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Generates PNG scenes in a warm or a cold palette: a sky-to-ground gradient with random shapes and noise, every
/// image different for a different seed. The emulator ships no image files; samples, tests and benchmarks make their
/// own with this, so they run on a machine with no network.
/// </summary>
public static class SceneGenerator
{
    /// <summary>A PNG scene.</summary>
    /// <param name="palette">Warm or cold colours.</param>
    /// <param name="seed">Makes the scene; the same seed gives the same bytes.</param>
    /// <param name="size">Width and height in pixels (8 to 1024).</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] Png(ScenePalette palette, int seed, int size = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 1024);
        var random = new Random(seed);
        var pixels = new byte[size * size * 3];
        var (top, bottom) = (Pick(palette, random), Pick(palette, random));
        for (var y = 0; y < size; y++)
        {
            var t = (double)y / (size - 1);
            for (var x = 0; x < size; x++) Set(pixels, size, x, y, Mix(top, bottom, t), random);
        }

        for (var shape = random.Next(3, 7); shape > 0; shape--)
        {
            var color = Pick(palette, random);
            var (cx, cy, r) = (random.Next(size), random.Next(size), random.Next(size / 10, size / 3));
            var round = random.Next(2) == 0;
            for (var y = Math.Max(0, cy - r); y < Math.Min(size, cy + r); y++)
            {
                for (var x = Math.Max(0, cx - r); x < Math.Min(size, cx + r); x++)
                {
                    if (!round || ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= r * r) Set(pixels, size, x, y, color, random);
                }
            }
        }

        using var png = new MemoryStream();
        new ImageWriter().WritePng(pixels, size, size, ColorComponents.RedGreenBlue, png);
        return png.ToArray();
    }

    private static (double R, double G, double B) Pick(ScenePalette palette, Random random)
    {
        // Hue in degrees: warm 0–55 (red to yellow), cold 180–240 (cyan to blue); saturation and brightness vary.
        var hue = palette == ScenePalette.Warm ? random.NextDouble() * 55 : 180 + (random.NextDouble() * 60);
        return FromHsv(hue, 0.55 + (random.NextDouble() * 0.45), 0.45 + (random.NextDouble() * 0.55));
    }

    private static (double, double, double) Mix((double R, double G, double B) a, (double R, double G, double B) b, double t) =>
        (a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    private static void Set(byte[] pixels, int size, int x, int y, (double R, double G, double B) c, Random random)
    {
        var noise = (random.NextDouble() - 0.5) * 0.08;
        var i = ((y * size) + x) * 3;
        pixels[i] = ToByte(c.R + noise);
        pixels[i + 1] = ToByte(c.G + noise);
        pixels[i + 2] = ToByte(c.B + noise);
    }

    private static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v * 255), 0, 255);

    private static (double, double, double) FromHsv(double hue, double s, double v)
    {
        var c = v * s;
        var h = hue / 60 % 6;
        var x = c * (1 - Math.Abs((h % 2) - 1));
        var (r, g, b) = h switch
        {
            < 1 => (c, x, 0.0),
            < 2 => (x, c, 0.0),
            < 3 => (0.0, c, x),
            < 4 => (0.0, x, c),
            < 5 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = v - c;
        return (r + m, g + m, b + m);
    }
}
