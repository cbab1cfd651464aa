using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Services;

[TestFixture]
public sealed class SearchServiceTests
{
    [Test]
    public async Task AQuery_BecomesFiltersAndRanks_PagedAndScored()
    {
        var mock = new MockV2().On<PostInputsSearchesRequest, MultiSearchResponse>(r => GrpcCalls.Unary(new MultiSearchResponse
        {
            Status = Responses.Status(StatusCode.Success),
            Hits = { r.Pagination.Page == 1 ? new[] { new Hit { Score = 0.9f, Input = new Input { Id = "a" } }, new Hit { Score = 0.7f, Input = new Input { Id = "b" } } } : [] },
        }));
        using var client = TestClients.Create(mock);
        var query = SearchQuery.SimilarTo(ImageSource.FromUrl("https://example.test/q.jpg")).WithConcept("dog").WithoutConcept("cat").WithMetadata("k", "v");

        var hits = new List<SearchHit>();
        await foreach (var hit in client.Search.InputsAsync(query, pageSize: 2)) hits.Add(hit);

        var sent = ((PostInputsSearchesRequest)mock.Calls[0].Request).Searches.Single().Query;
        Assert.Multiple(() =>
        {
            Assert.That(hits.Select(h => (h.Input.Id, h.Score)), Is.EqualTo(new[] { ("a", 0.9f), ("b", 0.7f) }));
            Assert.That(mock.Calls.Select(c => ((PostInputsSearchesRequest)c.Request).Pagination.Page), Is.EqualTo(new uint[] { 1, 2 }));
            Assert.That(sent.Ranks.Single().Annotation.Data.Image.Url, Is.EqualTo("https://example.test/q.jpg"));
            Assert.That(sent.Filters.Select(f => (f.Annotation?.Data?.Concepts.SingleOrDefault()?.Id, f.Negate)), Is.EqualTo(new[] { ("dog", false), ("cat", true), ((string?)null, false) }));
            Assert.That(sent.Filters[2].Input.Data.Metadata.Fields["k"].StringValue, Is.EqualTo("v"));
        });
    }

    [Test]
    public void AnEmptyQuery_OrBadTerms_AreRefusedBeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => client.Search.InputsAsync(SearchQuery.Empty));
            Assert.Throws<ArgumentException>(() => SearchQuery.SimilarToInput("bad id"));
            Assert.Throws<ArgumentException>(() => SearchQuery.Empty.WithConcept(" "));
            Assert.That(mock.Calls, Is.Empty);
        });
    }

    [Test]
    public void ATextQuery_IsARankOnTheTextsEmbedding()
    {
        var rank = SearchQuery.SimilarToText("a sunny beach").ToProto().Ranks.Single();

        Assert.Multiple(() =>
        {
            Assert.That(rank.Annotation.Data.Text.Raw, Is.EqualTo("a sunny beach"));
            Assert.Throws<ArgumentException>(() => SearchQuery.SimilarToText(" "));
        });
    }
}
