using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper;

/// <summary>Argument checks shared by the public entry points, so that bad input fails before any network call.</summary>
internal static class Guard
{
    /// <summary>
    /// The longest finite wait or timeout the client accepts: timers take at most about 24.8 days
    /// (<see cref="int.MaxValue"/> milliseconds), and a deadline must stay a valid date.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(24);

    /// <summary>A timeout must be positive and at most <see cref="MaxWait"/>, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public static void Timeout(TimeSpan value, string paramName)
    {
        if (value == System.Threading.Timeout.InfiniteTimeSpan) return;
        if (value <= TimeSpan.Zero || value > MaxWait)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"A timeout must be positive and at most {MaxWait.TotalDays:0} days, or Timeout.InfiniteTimeSpan for none.");
        }
    }

    /// <summary>A wait (backoff, polling delay) must be positive and at most <see cref="MaxWait"/>.</summary>
    public static void Wait(TimeSpan value, string paramName)
    {
        if (value <= TimeSpan.Zero || value > MaxWait)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"A wait must be positive and at most {MaxWait.TotalDays:0} days.");
        }
    }

    /// <summary>A growth factor must be a finite number of at least 1.</summary>
    public static void Multiplier(double value, string paramName)
    {
        if (!(value >= 1.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number of at least 1.");
        }
    }

    /// <summary>The longest id of a Clarifai resource (user, app, input, model, version) the client accepts.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest API key the client accepts (Clarifai's PATs and app keys are 32 characters).</summary>
    public const int MaxApiKeyLength = 512;

    /// <summary>
    /// The one id rule, for users, apps, inputs, models and model versions: 1 to <see cref="MaxIdLength"/>
    /// characters, each an ASCII letter or digit, <c>-</c>, <c>_</c> or <c>.</c> — what Clarifai's ids are made of, and
    /// nothing that could break out of a URL path or a header.
    /// </summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength) return false;
        return !id.AsSpan().ContainsAnyExcept(IdCharacters);
    }

    /// <summary>The characters of an id, searched vectorised: every input of an upload passes here.</summary>
    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>Checks an id against <see cref="IsValidId"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="paramName">The parameter it came from.</param>
    /// <param name="what">What it identifies, for the message: "input id", "model id", …</param>
    public static string Id(string? id, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (!IsValidId(id))
        {
            // The value is quoted only when short and printable: ids are not secrets, but a message is no place for control characters.
            var shown = id.Length <= MaxIdLength && id.All(c => c >= ' ' && c < 0x7F) ? $"'{id}'" : $"a {id.Length}-character value";
            throw new ArgumentException(
                $"{shown} is not a valid {what}: use 1 to {MaxIdLength} ASCII letters, digits, '-', '_' or '.'.", paramName);
        }

        return id;
    }

    /// <summary>
    /// Checks an API key before it goes into a header: 1 to <see cref="MaxApiKeyLength"/> visible ASCII characters
    /// (no spaces, no line breaks, no control or non-ASCII characters). The message never quotes the key.
    /// </summary>
    public static void ApiKey(string? apiKey, string paramName)
    {
        if (string.IsNullOrEmpty(apiKey)) throw new ArgumentException("An API key (a Clarifai PAT or app API key) is required.", paramName);
        if (apiKey.Length > MaxApiKeyLength) throw new ArgumentException($"The API key is {apiKey.Length} characters long; Clarifai's keys are far shorter (at most {MaxApiKeyLength} accepted).", paramName);
        for (var i = 0; i < apiKey.Length; i++)
        {
            if (apiKey[i] is < '!' or > '~')
            {
                throw new ArgumentException(
                    $"The API key has a character that cannot go into a header at position {i} (spaces, line breaks, control and non-ASCII characters are refused). Check for a stray space or newline.",
                    paramName);
            }
        }
    }

    /// <summary>Materializes a list of ids once, and checks that it has at least one and that each follows <see cref="IsValidId"/>.</summary>
    public static ImmutableArray<string> Ids(IEnumerable<string> ids, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(ids, paramName);
        var list = ids.ToImmutableArray();
        if (list.IsEmpty) throw new ArgumentException($"At least one {what} is required.", paramName);
        foreach (var id in list) Id(id, paramName, what);
        return list;
    }

    /// <summary>A concept id: 1 to 256 characters, not only white space, without control characters.</summary>
    public static string ConceptId(string? id, string paramName)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A concept id is null or empty.", paramName);
        if (id.Length > 256 || id.Any(char.IsControl)) throw new ArgumentException("A concept id must be at most 256 characters, without control characters.", paramName);
        return id;
    }

    /// <summary>An encoded request must stay under <see cref="ClarifaiLimits.MaxRequestBytes"/>.</summary>
    public static void RequestSize(Google.Protobuf.IMessage request, string paramName)
    {
        var size = request.CalculateSize();
        if (size > ClarifaiLimits.MaxRequestBytes)
        {
            throw new ArgumentException($"The request would be {size:N0} bytes; Clarifai takes at most {ClarifaiLimits.MaxRequestBytes:N0} bytes (128 MB) per request. Send fewer inputs at once, or use the uploader.", paramName);
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
