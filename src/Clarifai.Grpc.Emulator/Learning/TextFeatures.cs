namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Turns a text into a small vector: its words (lower-cased runs of letters and digits) hashed into
/// <see cref="Length"/> signed buckets, L2-normalised. Texts that share words point the same way, so it serves both as
/// the built-in text embedder and as the features of text classifiers. Deterministic across processes (FNV-1a, not
/// <see cref="string.GetHashCode()"/>).
/// </summary>
internal static class TextFeatures
{
    public const int Length = 64;

    public static float[] Extract(string text)
    {
        var vector = new float[Length];
        foreach (var word in Words(text))
        {
            var hash = Fnv1a(word);
            vector[hash % Length] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        }

        return vector;
    }

    /// <summary>The words of a text, lower-cased, in order.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    private static uint Fnv1a(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        return hash;
    }
}
