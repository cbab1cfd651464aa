using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// The one wait for input processing (30001 pending / 30003 in progress → 30000 processed or 30002 failed), for
/// <see cref="InputService.WaitForProcessingAsync"/> and the uploader: ListInputs by ids, up to 128 per request, with
/// the growing delays of <see cref="PollingSettings"/> and one overall timeout.
/// </summary>
internal static class InputProcessingWaiter
{
    /// <summary>Polls until every input is processed or failed, the timeout passes, or an id turns out not to exist.</summary>
    /// <returns>The last state seen of every input that was found, and whether the wait timed out.</returns>
    /// <exception cref="ClarifaiException">A ListInputs call failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<Result> WaitAsync(ClarifaiCallExecutor executor, IReadOnlyList<string> ids, PollingSettings polling, TimeSpan timeout, CallSettings? settings, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ClarifaiInput>(ids.Count, StringComparer.Ordinal);
        var poller = new Poller(executor.Time, polling, timeout);
        Result Done(IReadOnlyList<string> missing, bool timedOut) => new(latest, missing, timedOut, poller.Describe());
        while (true)
        {
            var waiting = ids.Where(id => !latest.TryGetValue(id, out var input) || !IsFinal(input)).ToList();
            foreach (var chunk in waiting.Chunk(ClarifaiLimits.MaxInputsPerRequest))
            {
                var request = new ListInputsRequest { PerPage = (uint)chunk.Length, Page = 1 };
                request.Ids.AddRange(chunk);
                var response = await executor.CallAsync(ClarifaiRpcs.ListInputs, request, settings, cancellationToken).ConfigureAwait(false);
                foreach (var input in response.Inputs) latest[input.Id] = new ClarifaiInput(input);
                var missing = chunk.Where(id => !latest.ContainsKey(id)).ToList();
                if (missing.Count > 0) return Done(missing, timedOut: false);
            }

            if (ids.All(id => IsFinal(latest[id]))) return Done([], timedOut: false);
            if (!await poller.TryWaitAsync(cancellationToken).ConfigureAwait(false)) return Done([], timedOut: true);
        }
    }

    private static bool IsFinal(ClarifaiInput input) => input.State is InputState.Processed or InputState.Failed;

    /// <param name="Latest">The last state seen of each input found.</param>
    /// <param name="Missing">Ids the server does not know.</param>
    /// <param name="TimedOut">Whether the timeout passed before every input was final.</param>
    /// <param name="Waited">How long and how often it polled.</param>
    internal sealed record Result(IReadOnlyDictionary<string, ClarifaiInput> Latest, IReadOnlyList<string> Missing, bool TimedOut, string Waited)
    {
        public int Pending => Latest.Values.Count(i => !IsFinal(i));
    }
}
