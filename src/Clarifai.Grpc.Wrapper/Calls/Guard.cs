namespace Clarifai.Grpc.Wrapper;

/// <summary>Argument checks shared by the public entry points, so that bad input fails before any network call.</summary>
internal static class Guard
{
    /// <summary>A timeout must be positive or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public static void Timeout(TimeSpan value, string paramName)
    {
        if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
        }
    }

    /// <summary>Materializes a batch once, and checks that it holds 1 to <paramref name="max"/> non-null items.</summary>
    public static IReadOnlyList<T> Batch<T>(IEnumerable<T> items, int max, string paramName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        var list = items as IReadOnlyList<T> ?? items.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one item is required.", paramName);
        }

        if (list.Count > max)
        {
            throw new ArgumentException(
                $"{list.Count} items were given but Clarifai takes at most {max} per request. Split them, or use the streaming uploader for any number.",
                paramName);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null) throw new ArgumentException($"Item {i} is null.", paramName);
        }

        return list;
    }
}
