using Clarifai.Grpc.Emulator;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>Resuming an upload job from its SQLite checkpoint after the first run died part-way, against the local server.</summary>
[TestFixture]
public sealed class ResumableUploadTests : SharedEmulatorFixture
{
    private static IEnumerable<NewInput> Inputs(int count) => Enumerable.Range(0, count).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)));

    /// <summary>The inputs, then the source itself fails — as a process dying part-way stops reading.</summary>
    private static async IAsyncEnumerable<NewInput> DiesAfter(int count)
    {
        foreach (var input in Inputs(count))
        {
            await Task.Yield();
            yield return input;
        }

        throw new IOException("the source died");
    }

    private static async IAsyncEnumerable<NewInput> All(int count)
    {
        foreach (var input in Inputs(count))
        {
            await Task.Yield();
            yield return input;
        }
    }

    [Test]
    public async Task ARerunOfTheSameJob_SkipsWhatIsDone_SendsTheRest_AndNothingTwice()
    {
        var appId = EmulatorClients.NewAppId();
        var path = Path.Combine(Path.GetTempPath(), "clarifai-checkpoints", Guid.NewGuid().ToString("N") + ".db");
        using var clarifai = EmulatorClients.Create(Emulator, appId);

        UploadSummary first;
        using (var checkpoint = SqliteUploadCheckpoint.Open(path))
        {
            var options = new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, BatchSize = 10, MaxConcurrency = 2 };
            var run = clarifai.Uploads.UploadAsync(DiesAfter(130), options);
            await Assert.ThrowsAsync<IOException>(async () =>
            {
                await foreach (var _ in run)
                {
                }
            });
            first = run.Summary!;
        }

        UploadSummary second;
        long recorded;
        using (var checkpoint = SqliteUploadCheckpoint.Open(path))
        {
            var run = clarifai.Uploads.UploadAsync(All(200), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, BatchSize = 10, MaxConcurrency = 2 });
            await foreach (var _ in run)
            {
            }

            second = run.Summary!;
            recorded = checkpoint.CountFinished();
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.GreaterThan(0).And.LessThanOrEqualTo(130));
            Assert.That(second.Skipped, Is.EqualTo(first.Succeeded), "what the first run finished, the second skips");
            Assert.That(second.Succeeded + second.Skipped, Is.EqualTo(200));
            Assert.That(second.Result, Is.EqualTo(UploadResult.All));
            Assert.That(recorded, Is.EqualTo(200));
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(200), "every input once, none twice");
        });
        File.Delete(path);
    }

    [Test]
    public void ACheckpointWithRandomIds_IsRefused_BeforeAnythingIsSent()
    {
        var path = Path.Combine(Path.GetTempPath(), "clarifai-checkpoints", Guid.NewGuid().ToString("N") + ".db");
        using var checkpoint = SqliteUploadCheckpoint.Open(path);
        using var clarifai = EmulatorClients.Create(Emulator);

        Assert.Throws<ArgumentException>(() => clarifai.Uploads.UploadAsync(Inputs(1), new UploadOptions { Checkpoint = checkpoint }));
    }
}
