using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>Several workers on one job: each input sent by exactly one of them.</summary>
[TestFixture]
public sealed class UploadPartitionTests
{
    private static IEnumerable<NewInput> Inputs() => Enumerable.Range(0, 200).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)));

    [Test]
    public async Task FourPartitions_SendEveryInputOnce_AndTheirSummariesAddUp()
    {
        var store = new FakeInputStore();
        var mock = new MockV2().On<PostInputsRequest, MultiInputResponse>(store.Answer).On<ListInputsRequest, MultiInputResponse>(store.List);
        using var client = TestClients.Create(mock);

        var summaries = new List<UploadSummary>();
        for (var i = 0; i < 4; i++)
        {
            summaries.Add(await client.Uploads.UploadAllAsync(Inputs(), new UploadOptions { IdMode = UploadIdMode.ContentHash, Partition = new UploadPartition(i, 4) }));
        }

        var sent = mock.Calls.Where(c => c.Method == "PostInputs").SelectMany(c => ((PostInputsRequest)c.Request).Inputs.Select(input => input.Id)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sent, Has.Count.EqualTo(200).And.Unique, "every input sent once, by one worker");
            Assert.That(summaries.Sum(s => s.Total), Is.EqualTo(200));
            Assert.That(summaries.Select(s => s.Succeeded), Is.All.GreaterThan(25), "the shares are roughly even (50 ± 25)");
        });
    }

    [Test]
    public void ThePartitionOfAnId_IsStable_AndParsed_AndChecked()
    {
        var owners = Enumerable.Range(0, 3).Select(i => new UploadPartition(i, 3)).Where(p => p.Owns("input-42")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(owners, Has.Count.EqualTo(1));
            Assert.That(UploadPartition.Parse("2/4"), Is.EqualTo(new UploadPartition(2, 4)));
            Assert.Throws<ArgumentOutOfRangeException>(() => UploadPartition.Parse("4/4"));
            Assert.Throws<ArgumentException>(() => UploadPartition.Parse("two of four"));
            Assert.Throws<ArgumentException>(() => new UploadOptions { Partition = new UploadPartition(0, 2) }.Validate(), "random ids differ per worker");
            Assert.That(new UploadPartition(0, 1).Owns("anything"), Is.True);
        });
    }
}
