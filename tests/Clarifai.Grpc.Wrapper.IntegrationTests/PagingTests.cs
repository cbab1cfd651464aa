using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Lists over loopback, across many pages, with the list changing underneath.</summary>
[TestFixture]
public sealed class PagingTests : SharedEmulatorFixture
{
    private const int Count = 1_050;

    [Test]
    public async Task Inputs_AcrossElevenPages_EachOnce_AndAnInputDeletedAheadIsNotSeen()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var png = SceneGenerator.Png(ScenePalette.Warm, 1);
        var ids = Enumerable.Range(0, Count).Select(i => $"in{i:D4}").ToList();
        var uploaded = await clarifai.Uploads.UploadAllAsync(ids.Select(id => NewInput.FromBytes(png).WithId(id)));
        Assert.That(uploaded.Succeeded, Is.EqualTo(Count));

        var everything = new List<string>();
        await foreach (var input in clarifai.Inputs.ListAsync(pageSize: 100)) everything.Add(input.Id);

        var ahead = everything[700]; // on page 8 of 100
        var seen = new List<string>();
        var pages = 0;
        await foreach (var page in clarifai.Inputs.ListAsync().AsPages(pageSizeHint: 100))
        {
            pages++;
            seen.AddRange(page.Items.Select(i => i.Id));
            if (page.PageNumber == 2) await clarifai.Inputs.DeleteAsync([ahead]); // on a page not read yet
        }

        Assert.Multiple(() =>
        {
            Assert.That(everything, Is.EquivalentTo(ids).And.Unique, "every input once (stored in the order the concurrent upload reached the server)");
            Assert.That(pages, Is.EqualTo(11));
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Does.Not.Contain(ahead));
            Assert.That(seen, Has.Count.EqualTo(Count - 1));
        });
    }

    [Test]
    public async Task ModelsAndTheirVersions_ArePaged()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        foreach (var id in new[] { "m1", "m2", "m3" }) await clarifai.Models.CreateAsync(id, ["warm"]);
        await clarifai.ModelVersions.TrainAsync("m2");
        await clarifai.ModelVersions.TrainAsync("m2");

        var models = new List<string>();
        await foreach (var model in clarifai.Models.ListAsync(pageSize: 2)) models.Add(model.Id);
        var versions = new List<ClarifaiModelVersion>();
        await foreach (var version in clarifai.ModelVersions.ListAsync("m2", pageSize: 1)) versions.Add(version);

        Assert.Multiple(() =>
        {
            Assert.That(models, Is.EqualTo(new[] { "m1", "m2", "m3" }));
            Assert.That(versions, Has.Count.EqualTo(3), "the first version and two trainings");
            Assert.That(versions.Select(v => v.Id), Is.Unique);
        });
        await Assert.ThrowsAsync<ClarifaiNotFoundException>(async () =>
        {
            await foreach (var _ in clarifai.ModelVersions.ListAsync("absent"))
            {
            }
        });
    }

    [Test]
    public async Task AScan_ByIdCursor_IsUndisturbedByDeletions_AndResumesFromTheLastIdSeen()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var png = SceneGenerator.Png(ScenePalette.Cold, 5);
        var ids = Enumerable.Range(0, 320).Select(i => $"s{i:D4}").ToList();
        await clarifai.Uploads.UploadAllAsync(ids.Select(id => NewInput.FromBytes(png).WithId(id)));

        var seen = new List<string>();
        await foreach (var input in clarifai.Inputs.ScanAsync(batchSize: 100))
        {
            seen.Add(input.Id);
            if (seen.Count == 150) await clarifai.Inputs.DeleteAsync(ids.Take(50)); // already read: numbered pages would now skip 50
            if (seen.Count == 200) break;                                           // a process that stopped here
        }

        await foreach (var input in clarifai.Inputs.ScanAsync(afterId: seen[^1], batchSize: 100)) seen.Add(input.Id);

        Assert.That(seen, Is.EqualTo(ids), "every input once, in id order, across the deletion and the restart");
    }
}
