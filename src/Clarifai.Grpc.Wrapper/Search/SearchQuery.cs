using System.Collections.Immutable;
using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Search;

/// <summary>
/// What to search an app's inputs for: concepts an input has or lacks, metadata it carries (filters), and an image or
/// an input it should look like (a rank by visual similarity). Immutable; each <c>With…</c> returns a new query.
/// </summary>
/// <example><code>
/// var query = SearchQuery.SimilarTo(ImageSource.FromUrl(url)).WithConcept("dog").WithoutConcept("cat").WithMetadata("source", "camera-7");
/// await foreach (var hit in clarifai.Search.InputsAsync(query)) Console.WriteLine($"{hit.Input.Id} {hit.Score:0.00}");
/// </code></example>
public sealed class SearchQuery
{
    private readonly ImmutableList<Filter> _filters;
    private readonly ImmutableList<Rank> _ranks;

    private SearchQuery(ImmutableList<Filter> filters, ImmutableList<Rank> ranks)
    {
        _filters = filters;
        _ranks = ranks;
    }

    /// <summary>A query with no terms yet: add some with the <c>With…</c> and <c>SimilarTo…</c> methods.</summary>
    public static SearchQuery Empty { get; } = new([], []);

    /// <summary>Inputs that look like an image (rank by visual similarity).</summary>
    /// <param name="image">The image, by URL or bytes.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SimilarTo(ImageSource image) => Empty.AndSimilarTo(image);

    /// <summary>Inputs that look like an input already in the app.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SimilarToInput(string inputId) => Empty.AndSimilarToInput(inputId);

    /// <summary>Whether the query has no terms.</summary>
    public bool IsEmpty => _filters.IsEmpty && _ranks.IsEmpty;

    /// <summary>Also rank by similarity to an image.</summary>
    /// <param name="image">The image.</param>
    /// <returns>A new query.</returns>
    public SearchQuery AndSimilarTo(ImageSource image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(_filters, _ranks.Add(new Rank { Annotation = new Annotation { Data = image.ToProto().Data } }));
    }

    /// <summary>
    /// Inputs that match a text (rank by similarity to its embedding): for apps whose base workflow embeds text and
    /// images in one space (multimodal models); other apps answer 40002 SEARCH_INVALID_REQUEST.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SimilarToText(string text) => Empty.AndSimilarToText(text);

    /// <summary>Also rank by similarity to a text (see <see cref="SimilarToText"/>).</summary>
    /// <param name="text">The text; not empty.</param>
    /// <returns>A new query.</returns>
    public SearchQuery AndSimilarToText(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new(_filters, _ranks.Add(new Rank { Annotation = new Annotation { Data = new Data { Text = new Text { Raw = text } } } }));
    }

    /// <summary>Also rank by similarity to an input of the app.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <returns>A new query.</returns>
    public SearchQuery AndSimilarToInput(string inputId)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        return new(_filters, _ranks.Add(new Rank { Annotation = new Annotation { InputId = inputId } }));
    }

    /// <summary>Only inputs labelled with the concept (value 1).</summary>
    /// <param name="conceptId">The concept's id.</param>
    /// <returns>A new query.</returns>
    public SearchQuery WithConcept(string conceptId) => WithConceptFilter(conceptId, negate: false);

    /// <summary>Only inputs not labelled with the concept.</summary>
    /// <param name="conceptId">The concept's id.</param>
    /// <returns>A new query.</returns>
    public SearchQuery WithoutConcept(string conceptId) => WithConceptFilter(conceptId, negate: true);

    /// <summary>Only inputs whose metadata has <paramref name="key"/> equal to <paramref name="value"/>.</summary>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value.</param>
    /// <returns>A new query.</returns>
    public SearchQuery WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var metadata = new Struct { Fields = { [key] = Value.ForString(value) } };
        return new(_filters.Add(new Filter { Input = new Input { Data = new Data { Metadata = metadata } } }), _ranks);
    }

    /// <summary>The query message of PostInputsSearches.</summary>
    /// <returns>A new message.</returns>
    public Query ToProto()
    {
        var query = new Query();
        query.Filters.AddRange(_filters.Select(f => f.Clone()));
        query.Ranks.AddRange(_ranks.Select(r => r.Clone()));
        return query;
    }

    /// <inheritdoc />
    public override string ToString() => $"SearchQuery({_filters.Count} filters, {_ranks.Count} ranks)";

    private SearchQuery WithConceptFilter(string conceptId, bool negate)
    {
        Guard.ConceptId(conceptId, nameof(conceptId));
        var filter = new Filter { Negate = negate, Annotation = new Annotation { Data = new Data { Concepts = { new Concept { Id = conceptId, Value = 1f } } } } };
        return new(_filters.Add(filter), _ranks);
    }
}
