using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Clarifai.Cli;
using StackExchange.Redis;

namespace Clarifai.Grpc.Wrapper.IntegrationTests.Redis;

/// <summary>
/// A real <c>redis-server</c> failing under a <see cref="RedisUploadCheckpoint"/>: killed mid-upload (and restarted
/// empty), unreachable from the start, and refusing writes to a user without write rights. No input read is ever left
/// without an outcome, the upload ends with an <see cref="UploadCheckpointException"/> naming the server and the job
/// (never a password), and a re-run against the restarted server finishes the job with each input once.
/// </summary>
[TestFixture]
public sealed class RedisCheckpointFailureTests : SharedEmulatorFixture
{
    private static async IAsyncEnumerable<NewInput> KillingRedisAfter(int count, int total, Func<Task> kill, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < total; i++)
        {
            if (i == count) await kill();
            cancellationToken.ThrowIfCancellationRequested();
            yield return NewInput.FromBytes(BitConverter.GetBytes(i + 1));
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port) =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            AbortOnConnectFail = false,
            ConnectTimeout = 1000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
            ConnectRetry = 1,
        });

    [Test]
    public async Task RedisKilledMidUpload_EveryInputReadHasItsOutcome_TheStoredOnesSucceeded_AndARerunOnTheRestartedRedisFinishesOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var appId = EmulatorClients.NewAppId();
        var job = "job-" + Guid.NewGuid().ToString("N");
        using var clarifai = EmulatorClients.Create(Emulator, appId);
        await using var connection = await ConnectAsync(redis.Port);
        var checkpoint = new RedisUploadCheckpoint(connection.GetDatabase(), job);
        var options = new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash, BatchSize = 10, MaxConcurrency = 2 };

        var upload = clarifai.Uploads.UploadAsync(KillingRedisAfter(300, 1_000, redis.KillAsync), options);
        var outcomes = new List<UploadOutcome>();
        var error = await Assert.ThrowsAsync<UploadCheckpointException>(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });
        var stored = Emulator.InputIds(EmulatorClients.UserId, appId);

        await redis.RestartAsync();
        var rerun = await clarifai.Uploads.UploadAllAsync(KillingRedisAfter(-1, 1_000, () => Task.CompletedTask), options);
        var ids = Emulator.InputIds(EmulatorClients.UserId, appId);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith($"The checkpoint Redis 127.0.0.1:{redis.Port}, job '{job}' failed while "));
            Assert.That(error.Checkpoint, Is.EqualTo($"Redis 127.0.0.1:{redis.Port}, job '{job}'"));
            Assert.That(outcomes.Select(o => o.InputId).Distinct().Count(), Is.EqualTo(outcomes.Count), "one outcome per input");
            Assert.That(upload.Summary!.Total, Is.EqualTo(outcomes.Count), "the summary adds up");
            Assert.That(outcomes, Has.Count.InRange(300, 999), "every input read, and it ended promptly");
            Assert.That(outcomes.Where(o => o.Succeeded).Select(o => o.InputId), Is.EquivalentTo(stored), "every input on the server reported succeeded, none lost");
            Assert.That(rerun.Result, Is.EqualTo(UploadResult.All), "the restarted Redis is empty: the re-run sends everything again");
            Assert.That(rerun.Deduplicated, Is.EqualTo(stored.Count), "and recognises what the first run stored (content-hash ids)");
            Assert.That(ids, Has.Count.EqualTo(1_000));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(1_000), "none twice");
        });
    }

    [Test]
    public async Task RedisDownFromTheStart_EndsTheUploadBeforeAnythingIsRead()
    {
        await using var redis = await RedisServer.StartAsync();
        var port = redis.Port;
        await redis.KillAsync();
        using var clarifai = EmulatorClients.Create(Emulator, EmulatorClients.NewAppId());
        await using var connection = await ConnectAsync(port);
        var checkpoint = new RedisUploadCheckpoint(connection.GetDatabase(), "job-down");

        var upload = clarifai.Uploads.UploadAsync(KillingRedisAfter(-1, 50, () => Task.CompletedTask), new UploadOptions { Checkpoint = checkpoint, IdMode = UploadIdMode.ContentHash });
        var outcomes = new List<UploadOutcome>();
        var error = await Assert.ThrowsAsync<UploadCheckpointException>(async () =>
        {
            await foreach (var outcome in upload) outcomes.Add(outcome);
        });

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith($"The checkpoint Redis 127.0.0.1:{port}, job 'job-down' failed while opening it"));
            Assert.That(outcomes, Is.Empty);
            Assert.That(upload.Summary!.Total, Is.Zero);
        });
    }

    [Test]
    public async Task AUserWithoutWriteRights_TheToolExits75NamingRedis_SendingNothing_AndNeverShowsThePassword()
    {
        await using var redis = await RedisServer.StartAsync();
        // Reads everything, writes only a job's scope: the claim passes, the first "sent" record is refused (NOPERM).
        await redis.Connection.GetDatabase().ExecuteAsync("ACL", "SETUSER", "reader", "on", ">reader-secret-pw", "resetkeys", "%R~*", "~clarifai:upload:*:scope", "+@all");
        var appId = EmulatorClients.NewAppId();
        var folder = Directory.CreateTempSubdirectory("clarifai-acl-");
        var jsonl = Path.Combine(folder.FullName, "inputs.jsonl");
        await File.WriteAllLinesAsync(jsonl, Enumerable.Range(0, 40).Select(i => $$"""{"text": "row {{i}}"}"""));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ClarifaiCli.RunAsync(
            ["upload", jsonl, "--json", "--redis", $"127.0.0.1:{redis.Port},user=reader,password=reader-secret-pw", "--resume", "acl-job",
             "--endpoint", Emulator.Endpoint.ToString(), "--key", Emulator.ApiKey, "--user", EmulatorClients.UserId, "--app", appId, "--insecure"],
            output, error, _ => null, interactive: false, CancellationToken.None);

        var summary = JsonNode.Parse(output.ToString())!;
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(75), error.ToString());
            Assert.That(error.ToString().Trim(), Does.StartWith($"The checkpoint Redis 127.0.0.1:{redis.Port}, job 'acl-job' failed while recording a batch as sent: NOPERM"));
            Assert.That(error.ToString() + output, Does.Not.Contain("reader-secret-pw"));
            Assert.That((int)summary["not_sent"]! + (int)summary["succeeded"]!, Is.GreaterThan(0).And.LessThanOrEqualTo(40), "every input read is in the summary");
            Assert.That((int)summary["succeeded"]!, Is.Zero);
            Assert.That(Emulator.CountInputs(EmulatorClients.UserId, appId), Is.Zero, "a batch the checkpoint could not record as sent never leaves");
        });
        folder.Delete(recursive: true);
    }
}
