using Clarifai.Grpc.Emulator;
using Google.Protobuf.WellKnownTypes;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Concepts and input labels, changed after the fact, over loopback.</summary>
[TestFixture]
public sealed class ConceptAndPatchTests : SharedEmulatorFixture
{
    [Test]
    public async Task Concepts_AreCreatedByUse_OrAhead_Listed_AndRenamed()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("warm").WithoutConcepts("cold")]);
        await clarifai.Concepts.AddAsync([("sunset", "Sunset"), ("sea", null)]);

        var renamed = await clarifai.Concepts.RenameAsync("warm", "Warm tones");
        var listed = new List<ClarifaiConcept>();
        await foreach (var concept in clarifai.Concepts.ListAsync(pageSize: 2)) listed.Add(concept);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(listed.Select(c => c.Id), Is.EqualTo(new[] { "warm", "cold", "sunset", "sea" }));
            Assert.That(listed.Select(c => c.Name), Is.EqualTo(new[] { "Warm tones", "cold", "Sunset", "sea" }));
            Assert.That(renamed.Name, Is.EqualTo("Warm tones"));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Concepts.RenameAsync("absent", "x"));
            await Assert.ThrowsAsync(Is.InstanceOf<ClarifaiException>(), () => clarifai.Concepts.AddAsync([("sea", null)]));
        });
    }

    [Test]
    public async Task AnInputsLabelsAndMetadata_AreMergedAndRemoved()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Cold, 2).WithId("photo").WithConcepts("cold").WithMetadata([new("camera", "a")])]);

        var merged = await clarifai.Inputs.MergeAsync("photo", concepts: ["blue"], negativeConcepts: ["warm"], metadata: new Struct { Fields = { ["lens"] = Value.ForString("35mm") } });
        var removed = await clarifai.Inputs.RemoveConceptsAsync("photo", ["cold"]);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(merged.Concepts.Select(c => (c.Id, c.Value)), Is.EquivalentTo(new[] { ("cold", 1f), ("blue", 1f), ("warm", 0f) }));
            Assert.That(merged.Proto.Data.Metadata.Fields.Keys, Is.EquivalentTo(new[] { "camera", "lens" }));
            Assert.That(removed.Concepts.Select(c => c.Id), Is.EquivalentTo(new[] { "blue", "warm" }));
            await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Inputs.RemoveConceptsAsync("absent", ["cold"]));
        });
    }
}
