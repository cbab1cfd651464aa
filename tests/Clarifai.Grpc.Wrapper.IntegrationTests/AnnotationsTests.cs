using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Annotations through the library's <see cref="AnnotationService"/> against the local server.</summary>
[TestFixture]
public sealed class AnnotationsTests : SharedEmulatorFixture
{
    [Test]
    public async Task AddGetListDelete_ConceptsAndARegion()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([NewInput.FromText("a cat on a mat").WithId("in-1"), NewInput.FromText("a dog").WithId("in-2")]);

        var onInput = await clarifai.Annotations.AddAsync("in-1", [new ConceptValue("cat", "cat", 1), new ConceptValue("dog", "dog", 0)]);
        var inRegion = await clarifai.Annotations.AddAsync("in-1", [new ConceptValue("cat", "cat", 1)], new RegionBox(0.1f, 0.2f, 0.5f, 0.6f));
        await clarifai.Annotations.AddAsync("in-2", [new ConceptValue("dog", "dog", 1)]);
        var read = await clarifai.Annotations.GetAsync("in-1", onInput.Id);
        var ofInput1 = new List<ClarifaiAnnotation>();
        await foreach (var annotation in clarifai.Annotations.ListAsync("in-1", pageSize: 1)) ofInput1.Add(annotation);
        var all = new List<ClarifaiAnnotation>();
        await foreach (var annotation in clarifai.Annotations.ListAsync()) all.Add(annotation);
        await clarifai.Annotations.DeleteAsync("in-1", onInput.Id);
        var deleted = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Annotations.GetAsync("in-1", onInput.Id));
        var noInput = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Annotations.AddAsync("absent", [new ConceptValue("cat", "cat", 1)]));

        Assert.Multiple(() =>
        {
            Assert.That(onInput.Status.Code, Is.EqualTo(StatusCode.AnnotationSuccess));
            Assert.That(read.Concepts.Select(c => (c.Id, c.Value)), Is.EqualTo(new[] { ("cat", 1f), ("dog", 0f) }));
            Assert.That(inRegion.Regions.Single().Box, Is.EqualTo(new RegionBox(0.1f, 0.2f, 0.5f, 0.6f)));
            Assert.That(ofInput1.Select(a => a.Id), Is.EqualTo(new[] { onInput.Id, inRegion.Id }), "one input's, one per page, oldest first");
            Assert.That(all, Has.Count.EqualTo(3));
            Assert.That(deleted!.Code, Is.EqualTo(StatusCode.ConnDoesNotExist));
            Assert.That(noInput!.Code, Is.EqualTo(StatusCode.InputDoesNotExist));
        });
    }

    [Test]
    public async Task DeletingAnInput_DeletesItsAnnotations()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([NewInput.FromText("short lived").WithId("gone")]);
        await clarifai.Annotations.AddAsync("gone", [new ConceptValue("x", "x", 1)]);

        await clarifai.Inputs.DeleteAsync(["gone"]);
        var left = new List<ClarifaiAnnotation>();
        await foreach (var annotation in clarifai.Annotations.ListAsync()) left.Add(annotation);

        Assert.That(left, Is.Empty);
    }
}
