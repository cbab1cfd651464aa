using System.CommandLine;
using System.Text.Json.Nodes;
using Clarifai.Grpc.Wrapper;
using Spectre.Console;

namespace Clarifai.Cli;

/// <summary><c>clarifai upload &lt;folder&gt;</c>: images of a folder, concepts from sub-folder names, with live progress, resume and partitions.</summary>
internal static class UploadCommand
{
    public static Command Create(Func<ParseResult, ClarifaiClientOptions> options, Option<bool> json, TextWriter output, bool interactive)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The folder; each sub-folder's name is a concept of its images" };
        var resume = new Option<FileInfo?>("--resume") { Description = "A checkpoint file: a re-run with the same file skips what is done" };
        var partition = new Option<string?>("--partition") { Description = "This worker's share of the job, i/N (for example 0/4)" };
        var rate = new Option<double?>("--rate") { Description = "At most this many requests per second (adapts down on throttling)" };
        var workers = new Option<int?>("--workers") { Description = "Requests in flight at once (default 16)" };
        var command = new Command("upload", "Upload a folder of images.") { folder, resume, partition, rate, workers };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var clientOptions = options(parsed);
            using var limiter = parsed.GetValue(rate) is { } r ? new AdaptiveRateLimiter(new AdaptiveRateLimiterOptions { RequestsPerSecond = r }) : null;
            clientOptions.RateLimiter = limiter;
            using var checkpoint = parsed.GetValue(resume) is { } file ? SqliteUploadCheckpoint.Open(file.FullName) : null;
            var uploadOptions = new UploadOptions
            {
                IdMode = UploadIdMode.ContentHash, // deterministic: a re-run or another worker names each image the same
                Checkpoint = checkpoint,
                Partition = parsed.GetValue(partition) is { } p ? UploadPartition.Parse(p) : null,
                MaxConcurrency = parsed.GetValue(workers) ?? UploadOptions.Default.MaxConcurrency,
            };
            var directory = parsed.GetValue(folder)!;
            await using var clarifai = new ClarifaiClient(clientOptions);
            var upload = clarifai.Uploads.UploadDirectoryAsync(directory.FullName, new DirectoryUploadOptions { ConceptFromFolderName = true }, uploadOptions, cancellationToken: cancellationToken);

            if (parsed.GetValue(json) || !interactive)
            {
                await foreach (var _ in upload.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }
            else
            {
                await ShowProgressAsync(ClarifaiCli.Console(output, interactive), upload, cancellationToken).ConfigureAwait(false);
            }

            var summary = upload.Summary!;
            if (parsed.GetValue(json))
            {
                await ClarifaiCli.WriteJsonAsync(output, new JsonObject
                {
                    ["result"] = summary.Result.ToString(),
                    ["succeeded"] = summary.Succeeded,
                    ["failed"] = summary.Failed,
                    ["skipped"] = summary.Skipped,
                    ["not_sent"] = summary.NotSent,
                    ["unknown"] = summary.UnknownInputIds.Length,
                    ["retried"] = summary.Retried,
                    ["seconds"] = Math.Round(summary.Duration.TotalSeconds, 3),
                }).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
            }

            return summary.Result switch { UploadResult.All => ExitCodes.Success, UploadResult.Some => ExitCodes.Partial, _ => summary.Total == 0 ? ExitCodes.Success : ExitCodes.Failed };
        });
        return command;
    }

    /// <summary>A live display: done, failed, retried, inputs per second, and the ETA once the total is known.</summary>
    private static Task ShowProgressAsync(IAnsiConsole console, UploadOperation upload, CancellationToken cancellationToken) =>
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("uploading", maxValue: 1);
                long done = 0, failed = 0, retried = 0;
                var started = TimeProvider.System.GetTimestamp();
                await foreach (var outcome in upload.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    done++;
                    if (outcome.Kind == UploadOutcomeKind.Failed) failed++;
                    retried += Math.Max(0, outcome.Attempts - 1);
                    var perSecond = done / Math.Max(0.001, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                    task.MaxValue = Math.Max(task.MaxValue, done + 1);
                    task.Value = done;
                    task.Description = $"{done} done, {failed} failed, {retried} retried, {perSecond:0} inputs/s";
                }

                task.MaxValue = Math.Max(1, done);
                task.Value = task.MaxValue;
            });
}
