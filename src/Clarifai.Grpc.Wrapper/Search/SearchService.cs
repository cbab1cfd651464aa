using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Search;

/// <summary>Searches an app's inputs by concept, metadata and visual similarity (PostInputsSearches), page by page.</summary>
/// <remarks>Every method is virtual and there is a protected constructor, so that tests can mock the service.</remarks>
public class SearchService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal SearchService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected SearchService()
    {
    }

    /// <summary>The app's inputs that match <paramref name="query"/>, best first, a page at a time as the enumeration goes.</summary>
    /// <param name="query">What to search for; at least one term.</param>
    /// <param name="pageSize">Hits per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The hits.</returns>
    /// <exception cref="ArgumentException">The query is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<SearchHit> InputsAsync(SearchQuery query, int? pageSize = null, CallSettings? callSettings = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty) throw new ArgumentException("The query has no terms: add a concept, metadata or similarity.", nameof(query));
        callSettings?.Validate();
        var proto = query.ToProto();
        return new ClarifaiPageable<SearchHit>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new PostInputsSearchesRequest { Searches = { new Clarifai.Api.Search { Query = proto.Clone() } }, Pagination = new Pagination { Page = (uint)page, PerPage = (uint)perPage } };
                var response = await _executor.CallAsync(ClarifaiRpcs.PostInputsSearches, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Hits.Where(h => h.Input is not null).Select(h => new SearchHit(new ClarifaiInput(h.Input), h.Score)).ToList();
            },
            pageSize);
    }
}
