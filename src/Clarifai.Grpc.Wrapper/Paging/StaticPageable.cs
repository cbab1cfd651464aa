using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clarifai.Grpc.Wrapper;

/// <summary>A pageable over pages given in advance, for users' tests (<see cref="Testing.ClarifaiFakes.Pageable{T}"/>).</summary>
internal sealed class StaticPageable<T>(IReadOnlyList<ClarifaiPage<T>> pages) : ClarifaiPageable<T>
{
    public override IAsyncEnumerable<ClarifaiPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        EnumerateAsync(continuationToken is null ? pages : pages.SkipWhile(p => p.PageNumber.ToString(CultureInfo.InvariantCulture) != continuationToken), CancellationToken.None);

    public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in EnumerateAsync(pages, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items) yield return item;
        }
    }

    private static async IAsyncEnumerable<ClarifaiPage<T>> EnumerateAsync(IEnumerable<ClarifaiPage<T>> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var page in source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return page;
        }
    }
}
