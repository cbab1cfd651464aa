using System.Globalization;
using System.Text.Json.Nodes;
using Clarifai.Cli.Sources;
using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli;

/// <summary>
/// What <c>clarifai upload</c> tells about an upload: each input that failed or whose fate is unknown, named by where it
/// came from, as it happens (one line on standard error); then the summary — the library's counts, the bad rows or
/// files skipped, the files left out for their extension — as text or JSON.
/// </summary>
internal sealed class UploadReport(UploadSource source, TextWriter error, CliSecrets secrets)
{
    /// <summary>How many failures the JSON summary lists (all are on standard error).</summary>
    public const int ListedFailures = 100;

    /// <summary>How many files left out for their extension the summary names.</summary>
    public const int ListedIgnored = 20;

    private readonly List<JsonObject> _failures = [];

    /// <summary>Takes one outcome: a failure or an unknown fate is written at once.</summary>
    public async Task AddAsync(UploadOutcome outcome)
    {
        if (outcome.Kind is not (UploadOutcomeKind.Failed or UploadOutcomeKind.Unknown)) return;
        var origin = source.OriginOf(outcome.Input) ?? outcome.InputId;
        var status = outcome.Status;
        var code = status.Code == Clarifai.Api.Status.StatusCode.Zero ? "-" : ((int)status.Code).ToString(CultureInfo.InvariantCulture);
        var why = string.IsNullOrEmpty(status.Details) ? status.Description : $"{status.Description}: {status.Details}";
        await error.WriteLineAsync(secrets.Scrub($"{origin} (input {outcome.InputId}): {outcome.Kind.ToString().ToLowerInvariant()}, {code} {why}".ReplaceLineEndings(" "))).ConfigureAwait(false);
        if (_failures.Count < ListedFailures)
        {
            _failures.Add(new JsonObject { ["origin"] = origin, ["id"] = outcome.InputId, ["kind"] = outcome.Kind.ToString(), ["code"] = (int)status.Code, ["description"] = secrets.Scrub(why) });
        }
    }

    /// <summary>Writes the summary; <paramref name="ending"/> is the message of what ended the upload early, if anything did.</summary>
    public async Task WriteSummaryAsync(TextWriter output, UploadSummary summary, bool json, string? ending)
    {
        var skipped = source.Skipped.ToList();
        var ignored = source.IgnoredFiles().Take(ListedIgnored + 1).ToList();
        if (json)
        {
            await ClarifaiCli.WriteJsonAsync(output, new JsonObject
            {
                ["result"] = summary.Result.ToString(),
                ["succeeded"] = summary.Succeeded,
                ["failed"] = summary.Failed,
                ["skipped"] = summary.Skipped,
                ["not_sent"] = summary.NotSent,
                ["unknown"] = summary.UnknownInputIds.Length,
                ["deduplicated"] = summary.Deduplicated,
                ["retried"] = summary.RequestsRetried,
                ["inputs_resent"] = summary.InputsResent,
                ["seconds"] = Math.Round(summary.Duration.TotalSeconds, 3),
                ["error"] = ending,
                ["failures"] = new JsonArray([.. _failures.Select(f => (JsonNode)f.DeepClone())]),
                ["bad_skipped"] = new JsonArray([.. skipped.Select(e => (JsonNode)new JsonObject { ["location"] = e.Location, ["problem"] = e.Problem ?? e.Message })]),
                ["ignored_files"] = new JsonArray([.. ignored.Take(ListedIgnored).Select(f => (JsonNode)f)]),
            }).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
        foreach (var bad in skipped) await output.WriteLineAsync($"skipped {bad.Message}").ConfigureAwait(false);
        if (ignored.Count > 0)
        {
            var names = string.Join(", ", ignored.Take(ListedIgnored)) + (ignored.Count > ListedIgnored ? ", …" : string.Empty);
            await output.WriteLineAsync($"left out (not an image extension): {names}").ConfigureAwait(false);
        }
    }
}
