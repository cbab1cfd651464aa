namespace Clarifai.Grpc.Wrapper.IntegrationTests.Redis;

/// <summary>One upload job shared by several workers through a Redis checkpoint, against the local server and a real redis-server.</summary>
[TestFixture]
public sealed class RedisUploadCheckpointTests : SharedEmulatorFixture
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    private static List<NewInput> Inputs(int count) => [.. Enumerable.Range(0, count).Select(i => NewInput.FromBytes(BitConverter.GetBytes(i + 1)))];

    [Test]
    public async Task TwoWorkersSplitAJob_ThenAWholeRerun_SkipsEverything_AndSendsNothing()
    {
        var appId = EmulatorClients.NewAppId();
        var job = "job-" + Guid.NewGuid().ToString("N");
        var inputs = Inputs(60);

        var workers = Enumerable.Range(0, 2).Select(async index =>
        {
            using var clarifai = EmulatorClients.Create(Emulator, appId);
            var checkpoint = new RedisUploadCheckpoint(_redis.Connection.GetDatabase(), job);
            return await clarifai.Uploads.UploadAllAsync(inputs, new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, Partition = new UploadPartition(index, 2), BatchSize = 8 });
        });
        var split = await Task.WhenAll(workers);
        var shared = new RedisUploadCheckpoint(_redis.Connection.GetDatabase(), job);
        var recordedAfterSplit = await shared.CountFinishedAsync();

        Emulator.Traffic.Clear();
        using var again = EmulatorClients.Create(Emulator, appId);
        var rerun = await again.Uploads.UploadAllAsync(inputs, new UploadOptions { Checkpoint = shared, IdMode = UploadIdMode.ContentHash, BatchSize = 8 });

        Assert.Multiple(() =>
        {
            Assert.That(split.Sum(s => s.Succeeded), Is.EqualTo(60), "the two partitions cover the job");
            Assert.That(split.Select(s => s.Succeeded), Has.All.GreaterThan(10), "and each did a share");
            Assert.That(recordedAfterSplit, Is.EqualTo(60));
            Assert.That(_redis.Connection.GetDatabase().HashValues(shared.Key).Select(v => v.ToString()), Has.All.EqualTo("Succeeded 30001"), "each record: outcome and status code (accepted, download pending)");
            Assert.That(rerun.Skipped, Is.EqualTo(60));
            Assert.That(Emulator.Traffic.Snapshot().Where(r => r.Method == "PostInputs"), Is.Empty, "a finished job sends nothing");
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.EqualTo(60));
        });
        await shared.DeleteAsync();
        Assert.That(await shared.CountFinishedAsync(), Is.Zero);
    }

    [Test]
    public void AJobIdWithWhiteSpace_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _ = new RedisUploadCheckpoint(_redis.Connection.GetDatabase(), "my job"));
    }
}
