using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf.WellKnownTypes;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// Searches as Clarifai's SDKs send them (raw requests, as their search tests do), against the API's documented
/// rules: filters AND-ed, concepts inside one filter OR-ed, an input filter's parts OR-ed, geo limits, datasets named
/// at upload, the SDKs' empty default rank and filter, pages, and annotation searches.
/// </summary>
[TestFixture]
public sealed class SearchSemanticsTests
{
    private ClarifaiEmulator _emulator = null!;
    private ClarifaiClient _clarifai = null!;

    [OneTimeSetUp]
    public async Task AddInputs()
    {
        _emulator = await ClarifaiEmulator.StartAsync();
        _clarifai = EmulatorClients.Create(_emulator);
        await _clarifai.Datasets.CreateAsync("pets");
        var dog = Image("dog", SceneGenerator.Png(ScenePalette.Warm, 1), "dog");
        dog.DatasetIds.Add("pets");
        dog.Data.Metadata = new Struct { Fields = { ["breed"] = Value.ForString("Saint Bernard") } };
        dog.Data.Geo = new Geo { GeoPoint = new GeoPoint { Longitude = -30, Latitude = 40 } };
        var request = new PostInputsRequest
        {
            Inputs =
            {
                dog,
                Image("deer", SceneGenerator.Png(ScenePalette.Cold, 2), "deer"),
                Image("both", SceneGenerator.Png(ScenePalette.Warm, 3), "dog", "deer"),
                Image("plain", SceneGenerator.Png(ScenePalette.Cold, 4)),
                new Input { Id = "note", Data = new Data { Text = new Text { Raw = "a note" } } },
            },
        };
        await _clarifai.Api.PostInputsAsync(request);
        await _clarifai.Inputs.WaitForProcessingAsync(request.Inputs.Select(i => i.Id));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _clarifai.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task ConceptsInOneFilter_AreAnyOf_AndFilters_AreAllOf()
    {
        var anyOf = await Ids(AnnotationFilter(Concepts("deer", "dog")));
        var allOf = await Ids(AnnotationFilter(Concepts("dog")), AnnotationFilter(Concepts("deer")));
        var byName = await Ids(AnnotationFilter(new Data { Concepts = { new Concept { Name = "dog", Value = 1 } } }));
        var negated = await Ids(new Filter { Negate = true, Annotation = new Annotation { Data = Concepts("dog") } });

        Assert.Multiple(() =>
        {
            Assert.That(anyOf, Is.EquivalentTo(new[] { "dog", "deer", "both" }));
            Assert.That(allOf, Is.EquivalentTo(new[] { "both" }));
            Assert.That(byName, Is.EquivalentTo(new[] { "dog", "both" }), "a concept named as the SDKs send it");
            Assert.That(negated, Is.EquivalentTo(new[] { "deer", "plain", "note" }));
        });
    }

    [Test]
    public async Task AnInputFiltersParts_AreAnyOf()
    {
        var images = await Ids(InputFilter(new Input { Data = new Data { Image = new Image() } }));
        var otherTypes = await Ids(InputFilter(new Input { Data = new Data { Text = new Text(), Audio = new Audio(), Video = new Video() } }));
        var audioOrProcessed = await Ids(InputFilter(new Input { Data = new Data { Audio = new Audio() }, Status = new Clarifai.Api.Status.Status { Code = StatusCode.InputSuccess } }));
        var inDataset = await Ids(InputFilter(new Input { DatasetIds = { "pets" } }));
        var inUnknownDataset = await Ids(InputFilter(new Input { DatasetIds = { "random_dataset" } }));

        Assert.Multiple(() =>
        {
            Assert.That(images, Is.EquivalentTo(new[] { "dog", "deer", "both", "plain" }));
            Assert.That(otherTypes, Is.EquivalentTo(new[] { "note" }));
            Assert.That(audioOrProcessed, Has.Count.EqualTo(5), "no audio, but every input is processed: OR");
            Assert.That(inDataset, Is.EquivalentTo(new[] { "dog" }), "the dataset PostInputs named");
            Assert.That(inUnknownDataset, Is.Empty);
        });
    }

    [Test]
    public async Task MetadataAndGeoLimits_Filter()
    {
        Filter Near(float limit, string type) => AnnotationFilter(new Data { Geo = new Geo { GeoPoint = new GeoPoint { Longitude = -29, Latitude = 40 }, GeoLimit = new GeoLimit { Type = type, Value = limit } } });

        var metadata = await Ids(AnnotationFilter(new Data { Metadata = new Struct { Fields = { ["breed"] = Value.ForString("Saint Bernard") } } }));
        var otherBreed = await Ids(AnnotationFilter(new Data { Metadata = new Struct { Fields = { ["breed"] = Value.ForString("Pug") } } }));

        // (-30, 40) to (-29, 40) is about 85 km.
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(metadata, Is.EquivalentTo(new[] { "dog" }));
            Assert.That(otherBreed, Is.Empty);
            Assert.That(await Ids(Near(100, "withinKilometers")), Is.EquivalentTo(new[] { "dog" }));
            Assert.That(await Ids(Near(80, "withinKilometers")), Is.Empty);
            Assert.That(await Ids(Near(55, "withinMiles")), Is.EquivalentTo(new[] { "dog" }));
            Assert.That(await Ids(Near(50, "withinMiles")), Is.Empty);
        });
    }

    [Test]
    public async Task TheSdksEmptyDefaults_ListEveryInput_PageByPage()
    {
        var pages = new List<List<string>>();
        for (uint page = 1; page <= 3; page++)
        {
            var response = await _clarifai.Api.PostInputsSearchesAsync(new PostInputsSearchesRequest
            {
                Searches = { new Clarifai.Api.Search { Query = new Query { Ranks = { new Rank { Annotation = new Annotation() } }, Filters = { new Filter { Annotation = new Annotation() } } } } },
                Pagination = new Pagination { Page = page, PerPage = 2 },
            });
            pages.Add([.. response.Hits.Select(h => h.Input.Id)]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 1 }));
            Assert.That(pages.SelectMany(p => p), Is.EquivalentTo(new[] { "dog", "deer", "both", "plain", "note" }));
        });
    }

    [Test]
    public async Task AnAnnotationsSearch_AnswersEachInputWithItsAnnotation_AndRanksBySimilarity()
    {
        var response = await _clarifai.Api.PostAnnotationsSearchesAsync(new PostAnnotationsSearchesRequest
        {
            Searches =
            {
                new Clarifai.Api.Search
                {
                    Query = new Query
                    {
                        Ranks = { new Rank { Annotation = new Annotation { Data = new Data { Image = new Image { Base64 = Google.Protobuf.ByteString.CopyFrom(SceneGenerator.Png(ScenePalette.Warm, 1)) } } } } },
                        Filters = { AnnotationFilter(Concepts("deer", "dog")) },
                    },
                },
            },
        });

        Assert.Multiple(() =>
        {
            Assert.That(response.Hits.Select(h => h.Input.Id).First(), Is.EqualTo("dog"), "the same image ranks first");
            Assert.That(response.Hits.Select(h => h.Score), Is.Ordered.Descending);
            Assert.That(response.Hits.Select(h => (h.Annotation.InputId, h.Annotation.Data.Concepts.Count > 0)), Is.All.Matches<(string InputId, bool HasConcepts)>(a => a.HasConcepts && a.InputId.Length > 0));
            Assert.That(response.Hits.Select(h => h.Annotation.InputId), Is.EqualTo(response.Hits.Select(h => h.Input.Id)));
        });
    }

    [Test]
    public async Task AnInputNamingAnUnknownDataset_IsRefused()
    {
        var response = await _clarifai.Api.PostInputsAsync(new PostInputsRequest { Inputs = { new Input { Id = "stray", DatasetIds = { "nope" }, Data = new Data { Text = new Text { Raw = "x" } } } } });
        var listed = await _clarifai.Api.ListInputsAsync(new ListInputsRequest { Ids = { "stray" } });

        Assert.Multiple(() =>
        {
            Assert.That(response.Status.Code, Is.EqualTo(StatusCode.Failure));
            Assert.That((response.Inputs.Single().Status.Code, response.Inputs[0].Status.Details), Is.EqualTo((StatusCode.ConnDoesNotExist, "No dataset with id 'nope'")));
            Assert.That(listed.Inputs, Is.Empty, "not added");
        });
    }

    private async Task<List<string>> Ids(params Filter[] filters)
    {
        var query = new Query();
        query.Filters.AddRange(filters);
        var response = await _clarifai.Api.PostInputsSearchesAsync(new PostInputsSearchesRequest { Searches = { new Clarifai.Api.Search { Query = query } } });
        return [.. response.Hits.Select(h => h.Input.Id)];
    }

    private static Input Image(string id, byte[] png, params string[] concepts)
    {
        var input = new Input { Id = id, Data = new Data { Image = new Image { Base64 = Google.Protobuf.ByteString.CopyFrom(png) } } };
        input.Data.Concepts.AddRange(concepts.Select(c => new Concept { Id = c, Name = c, Value = 1 }));
        return input;
    }

    private static Data Concepts(params string[] ids) => new() { Concepts = { ids.Select(id => new Concept { Id = id, Value = 1 }) } };

    private static Filter AnnotationFilter(Data data) => new() { Annotation = new Annotation { Data = data } };

    private static Filter InputFilter(Input input) => new() { Input = input };
}
