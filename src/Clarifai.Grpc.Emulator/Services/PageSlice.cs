namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The one paging rule of the List RPCs: <c>page</c> from 1 (0 means 1), <c>per_page</c> 1 to 1000 (0 means 128),
/// offsets in 64 bits so that a page far past the end is empty, never page 1 again.
/// </summary>
internal static class PageSlice
{
    public const int DefaultPerPage = 128;
    public const int MaxPerPage = 1000;

    public static List<T> Of<T>(IReadOnlyList<T> all, uint page, uint perPage)
    {
        var size = perPage == 0 ? DefaultPerPage : (int)Math.Min(perPage, MaxPerPage);
        var skip = ((page == 0 ? 1L : page) - 1) * size;
        return skip >= all.Count ? [] : all.Skip((int)skip).Take(size).ToList();
    }
}
