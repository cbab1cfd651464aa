using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Search over loopback: concept and metadata filters, and visual similarity on the local server's features.</summary>
[TestFixture]
public sealed class SearchTests
{
    private ClarifaiEmulator _emulator = null!;
    private ClarifaiClient _clarifai = null!;

    [OneTimeSetUp]
    public async Task AddLabelledScenes()
    {
        _emulator = await ClarifaiEmulator.StartAsync();
        _clarifai = EmulatorClients.Create(_emulator);
        var inputs = Enumerable.Range(0, 5).Select(i => EmulatorClients.Scene(ScenePalette.Warm, 100 + i).WithId($"warm{i}").WithConcepts("warm").WithMetadata([new("camera", "a")]))
            .Concat(Enumerable.Range(0, 5).Select(i => EmulatorClients.Scene(ScenePalette.Cold, 200 + i).WithId($"cold{i}").WithConcepts("cold").WithMetadata([new("camera", "b")])));
        var added = await _clarifai.Inputs.AddAsync(inputs);
        await _clarifai.Inputs.WaitForProcessingAsync(added.Inputs.Select(i => i.Id));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _clarifai.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task ByVisualSimilarity_AWarmSceneFindsTheWarmScenesFirst()
    {
        var hits = await All(SearchQuery.SimilarTo(ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 999))), pageSize: 3);

        Assert.Multiple(() =>
        {
            Assert.That(hits, Has.Count.EqualTo(10));
            Assert.That(hits.Take(5).Select(h => h.Input.Id), Is.All.StartsWith("warm"));
            Assert.That(hits.Select(h => h.Score), Is.Ordered.Descending);
            Assert.That(hits.Select(h => h.Input.Id), Is.Unique);
        });
    }

    [Test]
    public async Task ByAnInput_ItComesFirst()
    {
        var hits = await All(SearchQuery.SimilarToInput("cold3"));

        Assert.Multiple(() =>
        {
            Assert.That(hits[0].Input.Id, Is.EqualTo("cold3"));
            Assert.That(hits[0].Score, Is.EqualTo(1f).Within(1e-5));
        });
    }

    [Test]
    public async Task ByConceptAndMetadata_FiltersCombine()
    {
        var warm = await All(SearchQuery.Empty.WithConcept("warm"));
        var notWarm = await All(SearchQuery.Empty.WithoutConcept("warm"));
        var cameraB = await All(SearchQuery.Empty.WithMetadata("camera", "b"));
        var none = await All(SearchQuery.Empty.WithConcept("warm").WithMetadata("camera", "b"));

        Assert.Multiple(() =>
        {
            Assert.That(warm.Select(h => h.Input.Id), Is.EquivalentTo(Enumerable.Range(0, 5).Select(i => $"warm{i}")));
            Assert.That(notWarm.Select(h => h.Input.Id), Is.EquivalentTo(Enumerable.Range(0, 5).Select(i => $"cold{i}")));
            Assert.That(cameraB.Select(h => h.Input.Id), Is.EquivalentTo(notWarm.Select(h => h.Input.Id)));
            Assert.That(none, Is.Empty);
            Assert.That(warm.Select(h => h.Score), Is.All.EqualTo(1f));
        });
    }

    [Test]
    public async Task ByText_OnAnAppWithoutAMultimodalBaseWorkflow_IsRefusedWithTheApisCode()
    {
        var e = (await Assert.ThrowsAsync<ClarifaiInvalidRequestException>(() => All(SearchQuery.SimilarToText("a sunny beach"))))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Code, Is.EqualTo(Clarifai.Api.Status.StatusCode.SearchInvalidRequest));
            Assert.That(e.Details, Does.Contain("text"));
        });
    }

    private async Task<List<SearchHit>> All(SearchQuery query, int? pageSize = null)
    {
        var hits = new List<SearchHit>();
        await foreach (var hit in _clarifai.Search.InputsAsync(query, pageSize)) hits.Add(hit);
        return hits;
    }
}
