using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// A list that the server returns a page at a time (<c>page</c> / <c>per_page</c>), read lazily: enumerate it for the
/// items, or <see cref="AsPages"/> for the pages — the shape of Azure's <c>AsyncPageable&lt;T&gt;</c> and gax's
/// <c>PagedAsyncEnumerable</c>. Each page is one call through the client's pipeline (deadline, retries, status
/// translation, telemetry); nothing is fetched before enumeration starts, and enumerating again starts over.
/// </summary>
/// <remarks>
/// Pages are numbered, as in Clarifai's API: items deleted from pages already read shift later items back, so one of
/// them may be missed; items added or deleted further on are seen as they are when their page is read.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public class ClarifaiPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>The page size when none is asked for: 128.</summary>
    public const int DefaultPageSize = 128;

    /// <summary>The largest page size Clarifai serves: 1000.</summary>
    public const int MaxPageSize = 1000;

    private readonly Func<int, int, CancellationToken, Task<IReadOnlyList<T>>>? _fetch;
    private readonly int _pageSize;

    /// <summary>For mocking, and for pageables over given pages (<see cref="Testing.ClarifaiFakes.Pageable{T}"/>).</summary>
    protected ClarifaiPageable()
    {
    }

    /// <param name="fetch">Reads page <c>page</c> (from 1) of <c>perPage</c> items.</param>
    /// <param name="pageSize">The page size; <see cref="DefaultPageSize"/> when null.</param>
    internal ClarifaiPageable(Func<int, int, CancellationToken, Task<IReadOnlyList<T>>> fetch, int? pageSize)
    {
        _fetch = fetch;
        _pageSize = CheckPageSize(pageSize, nameof(pageSize));
    }

    /// <summary>The pages, from the one <paramref name="continuationToken"/> names (or the first).</summary>
    /// <param name="continuationToken">A <see cref="ClarifaiPage{T}.ContinuationToken"/> to resume from, or <see langword="null"/>.</param>
    /// <param name="pageSizeHint">Items per page, 1 to 1000; the pageable's own size when null.</param>
    /// <returns>The pages.</returns>
    /// <exception cref="ArgumentException">The token is not one this list produced.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual IAsyncEnumerable<ClarifaiPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var first = continuationToken is null ? 1 : ParseToken(continuationToken);
        var size = pageSizeHint is null ? _pageSize : CheckPageSize(pageSizeHint, nameof(pageSizeHint));
        return ReadPagesAsync(first, size, CancellationToken.None);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPagesAsync(1, _pageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items) yield return item;
        }
    }

    private async IAsyncEnumerable<ClarifaiPage<T>> ReadPagesAsync(int first, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fetch = _fetch ?? throw new InvalidOperationException("This pageable has no source; override its members or use FromPages.");
        for (var page = first; ; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var items = await fetch(page, size, cancellationToken).ConfigureAwait(false);

            // A short page is the last one; so is the last page number there is.
            var last = items.Count < size || page == int.MaxValue;
            yield return new ClarifaiPage<T>(items, page, last ? null : (page + 1).ToString(CultureInfo.InvariantCulture));
            if (last) yield break;
        }
    }

    private static int ParseToken(string token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : throw new ArgumentException($"'{token}' is not a continuation token of this list.", nameof(token));

    private static int CheckPageSize(int? size, string paramName)
    {
        var value = size ?? DefaultPageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPageSize, paramName);
        return value;
    }
}
