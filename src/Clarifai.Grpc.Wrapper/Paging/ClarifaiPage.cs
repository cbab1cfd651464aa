using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper;

/// <summary>One page of a list: its items, its number, and the token of the next page (none after the last).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ClarifaiPage<T>
{
    /// <summary>Creates a page; also for tests of code that consumes pages (see <see cref="Testing.ClarifaiFakes.Pageable{T}"/>).</summary>
    /// <param name="items">The items.</param>
    /// <param name="pageNumber">The page's number, from 1.</param>
    /// <param name="continuationToken">The next page's token, or <see langword="null"/> after the last page.</param>
    public ClarifaiPage(IEnumerable<T> items, int pageNumber, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        Items = items.ToImmutableArray();
        PageNumber = pageNumber;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items of this page, in the server's order.</summary>
    public ImmutableArray<T> Items { get; }

    /// <summary>The page's number, from 1.</summary>
    public int PageNumber { get; }

    /// <summary>
    /// Where the next page starts: pass it to <see cref="ClarifaiPageable{T}.AsPages"/> to resume (in another process
    /// too); <see langword="null"/> after the last page.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <inheritdoc />
    public override string ToString() => $"Page {PageNumber}: {Items.Length} items{(ContinuationToken is null ? ", last" : string.Empty)}";
}
