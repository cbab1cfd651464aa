using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Clarifai.Cli.Sources;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Sqlite;
using Spectre.Console;

namespace Clarifai.Cli;

/// <summary><c>clarifai upload &lt;folder|csv|jsonl&gt;</c>: with live progress, resume, partitions and rate limits, alone or as one worker of a fleet.</summary>
internal static class UploadCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output, TextWriter error, bool interactive, CliSecrets secrets, Func<int> cancelledExitCode)
    {
        var sourceArgument = new Argument<string>("source") { Description = "A folder (each sub-folder's name is a concept of its images), a .csv file or a .jsonl file (url, file or text per row; id, concepts, negative_concepts, metadata)" };
        var resume = new Option<string?>("--resume") { Description = "Resume a job: a checkpoint file (SQLite), or with --redis the job's name shared by its workers" };
        var redis = new Option<string?>("--redis") { Description = "A Redis (StackExchange.Redis configuration, e.g. localhost:6379) shared by a fleet: --rate and --input-rate become the fleet's limits, --resume names a shared job" };
        var partition = new Option<string?>("--partition") { Description = "This worker's share of the job, i/N (for example 0/4)" };
        var rate = new Option<double?>("--rate") { Description = "At most this many requests per second (adapts down on throttling; with --redis, for the whole fleet)" };
        var inputRate = new Option<double?>("--input-rate") { Description = "At most this many inputs per second (with --redis, for the whole fleet)" };
        var rateKey = new Option<string?>("--rate-key") { Description = "With --redis: the key of the shared budget (default clarifai:rate:<user id>)" };
        var workers = new Option<int?>("--workers") { Description = "Requests in flight at once (default 16)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Inputs per request (default 128, the API's maximum)" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip a row or file that cannot be an input (and name it) instead of stopping there" };
        var wait = new Option<bool>("--wait") { Description = "Wait until Clarifai has processed each input, and report those whose processing failed (30002)" };
        var command = new Command("upload", "Upload a folder of images, or the inputs of a CSV or JSON Lines file.") { sourceArgument, resume, redis, partition, rate, inputRate, rateKey, workers, batchSize, skipBad, wait };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var clientOptions = options(parsed);
            var source = new UploadSource(parsed.GetValue(sourceArgument)!, parsed.GetValue(skipBad));
            await using var fleet = parsed.GetValue(redis) is { } configuration ? await Fleet.ConnectAsync(configuration, parsed.GetValue(rateKey) ?? $"clarifai:rate:{clientOptions.UserId}", secrets).ConfigureAwait(false) : null;
            using var requestLimiter = parsed.GetValue(rate) is { } r ? Limiter(fleet, "requests", r) : null;
            using var inputLimiter = parsed.GetValue(inputRate) is { } ir ? Limiter(fleet, "inputs", ir) : null;
            clientOptions.RateLimiter = requestLimiter;
            clientOptions.InputRateLimiter = inputLimiter;
            using var localCheckpoint = fleet is null && parsed.GetValue(resume) is { } file ? SqliteUploadCheckpoint.Open(file) : null;
            IUploadCheckpoint? checkpoint = fleet is not null && parsed.GetValue(resume) is { } job ? fleet.Checkpoint(job) : localCheckpoint;
            var uploadOptions = new UploadOptions
            {
                IdMode = UploadIdMode.ContentHash, // deterministic: a re-run or another worker names each input the same
                Checkpoint = checkpoint,
                Partition = parsed.GetValue(partition) is { } p ? UploadPartition.Parse(p) : null,
                MaxConcurrency = parsed.GetValue(workers) ?? UploadOptions.Default.MaxConcurrency,
                BatchSize = parsed.GetValue(batchSize) ?? UploadOptions.Default.BatchSize,
                WaitForProcessing = parsed.GetValue(wait),
            };
            await using var clarifai = new ClarifaiClient(clientOptions);
            await CheckAccessAsync(clarifai, cancellationToken).ConfigureAwait(false);
            var upload = source.Start(clarifai, uploadOptions, cancellationToken);
            var report = new UploadReport(source, error, secrets);

            // The upload's own endings (a bad row, the checkpoint, a signal, Clarifai) come after every outcome: the
            // summary so far is printed first, then the ending's message and exit code, by the one rule.
            Exception? ending = null;
            try
            {
                if (parsed.GetValue(json) || !interactive)
                {
                    await foreach (var outcome in upload.WithCancellation(cancellationToken).ConfigureAwait(false)) await report.AddAsync(outcome).ConfigureAwait(false);
                }
                else
                {
                    var estimate = await source.EstimateCountAsync(cancellationToken).ConfigureAwait(false);
                    var share = uploadOptions.Partition is { } part ? (estimate + part.Count - 1) / part.Count : estimate;
                    await ShowProgressAsync(ClarifaiCli.Console(output, interactive), upload, share, report, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is UploadSourceException or UploadCheckpointException or OperationCanceledException or ClarifaiException && upload.Summary is not null)
            {
                ending = e;
            }

            var summary = upload.Summary!;
            var ended = ending is null ? ((int, string)?)null : CliFailures.Describe(ending, cancellationToken.IsCancellationRequested ? cancelledExitCode() : null, secrets);
            await report.WriteSummaryAsync(output, summary, parsed.GetValue(json), ended?.Item2).ConfigureAwait(false);
            if (ended is { } failure) return await ClarifaiCli.WriteFailureAsync(error, failure).ConfigureAwait(false);

            // Bad rows or files skipped on request: not everything in the source was uploaded.
            if (source.Skipped.Count > 0 && summary.Result == UploadResult.All) return ExitCodes.Partial;
            return summary.Result switch { UploadResult.All => ExitCodes.Success, UploadResult.Some => ExitCodes.Partial, _ => summary.Total == 0 ? ExitCodes.Success : ExitCodes.Failed };
        });
        return command;
    }

    /// <summary>
    /// One small request before the source is read: a wrong key or app fails here, not after a pass over the source; and
    /// the connection and the client's one-time first-call costs are paid now. Paid inside the upload instead, they
    /// would hold the first batches after their rate-limit turns and send them together — a burst that a server
    /// counting per second throttles (seen with four workers on one Redis limit).
    /// </summary>
    private static async Task CheckAccessAsync(ClarifaiClient clarifai, CancellationToken cancellationToken) =>
        await clarifai.Api.ListInputsAsync(new Clarifai.Api.ListInputsRequest { PerPage = 1 }, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>A limiter of <paramref name="perSecond"/>: the fleet's when there is a Redis, else this process's adaptive one.</summary>
    private static RateLimiter Limiter(Fleet? fleet, string what, double perSecond) =>
        (RateLimiter?)fleet?.Limiter(what, perSecond) ?? new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = perSecond, MinimumRequestsPerSecond = Math.Min(1, perSecond) });

    /// <summary>
    /// A live display: done, failed, re-sent, inputs per second, and the ETA against <paramref name="expected"/> inputs
    /// (an estimate: this worker's share of the source's rows or files).
    /// </summary>
    private static Task ShowProgressAsync(IAnsiConsole console, UploadOutcomes upload, long expected, UploadReport report, CancellationToken cancellationToken) =>
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("uploading", maxValue: Math.Max(1, expected));
                long done = 0, failed = 0, resent = 0;
                var started = TimeProvider.System.GetTimestamp();
                await foreach (var outcome in upload.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await report.AddAsync(outcome).ConfigureAwait(false);
                    done++;
                    if (outcome.Kind == UploadOutcomeKind.Failed) failed++;
                    resent += Math.Max(0, outcome.Attempts - 1);
                    var perSecond = done / Math.Max(0.001, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                    task.MaxValue = Math.Max(task.MaxValue, done + 1); // the estimate was low: never show more than 100 % before the end
                    task.Value = done;
                    task.Description = ProgressLine(done, failed, resent, perSecond);
                }

                task.MaxValue = Math.Max(1, done);
                task.Value = task.MaxValue;
            });

    /// <summary>The progress display's text.</summary>
    private static string ProgressLine(long done, long failed, long resent, double perSecond) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{done} done, {failed} failed, {resent} re-sent, {perSecond:0} inputs/s");
}
