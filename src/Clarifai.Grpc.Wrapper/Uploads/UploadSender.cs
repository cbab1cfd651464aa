using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Sends one batch until every input in it has an outcome: accepted, refused for good, or out of attempts.
/// Whole-request transient failures are the engine's to retry (the one <see cref="RetryPolicy"/>, the retry layer, the
/// one deadline); per-input transient failures re-send only those inputs, in rounds of the uploader's own; a shared
/// <see cref="CircuitBreaker"/> stops both when the server is gone; "already exists" after a lost answer is decided by
/// <see cref="DuplicateAnswerResolver"/>.
/// </summary>
internal sealed class UploadSender
{
    private readonly ClarifaiCallExecutor _executor;
    private readonly RetryPolicy _retry;
    private readonly CircuitBreaker _breaker;
    private readonly UploadOutcomeSink _sink;
    private readonly UploadStatistics _statistics;
    private readonly PollingSettings _polling;
    private readonly bool _waitForProcessing;
    private readonly Action<Exception> _stop;
    private readonly CallSettings _callSettings;
    private readonly UploadJournal? _journal;

    // executor: the client's call pipeline (retries set per call, see below). stop: ends the whole upload on a failure
    // that makes going on pointless (bad credentials).
    // journal: the checkpoint, where each batch is recorded as sent before it leaves (null: none).
    public UploadSender(ClarifaiCallExecutor executor, UploadOptions options, PollingSettings polling, CircuitBreaker breaker, UploadOutcomeSink sink, UploadStatistics statistics, Action<Exception> stop, UploadJournal? journal)
    {
        _journal = journal;
        _executor = executor;
        _retry = new RetryPolicy(options.Retry);
        _waitForProcessing = options.WaitForProcessing;
        _polling = polling;
        _breaker = breaker;
        _sink = sink;
        _statistics = statistics;
        _stop = stop;
        // Every call the uploader makes — PostInputs, reading back "already exists", waiting for processing — is retried
        // by the client's engine under UploadOptions.Retry; only the per-input rounds are the uploader's own.
        var settings = options.CallSettings ?? new CallSettings();
        _callSettings = settings with { Retry = options.Retry };
    }

    /// <summary>Sends the batch; every input in it gets exactly one outcome.</summary>
    /// <remarks>
    /// A round sends the inputs still pending as one PostInputs call through the client's engine, whose retry layer
    /// re-sends the whole request after a transient failure (the one policy, under <see cref="UploadOptions.Retry"/>
    /// and the call's one deadline, gated by the circuit breaker). What the engine cannot know is per input: the inputs
    /// that came back with a retryable code of their own are sent again in the next round, alone.
    /// </remarks>
    public async Task SendAsync(List<UploadItem> batch, CancellationToken callToken)
    {
        var accepted = new List<(UploadItem Item, ClarifaiStatus Status, bool Deduplicated)>();
        var pending = batch;
        for (var round = 1; pending.Count > 0; round++)
        {
            if (!_breaker.TryAcquire())
            {
                var refused = _sink.Group(wasInFlight: true);
                foreach (var item in pending) refused.Add(item, UploadAnswerClassifier.WhenCircuitOpen(item), UploadStatuses.CircuitOpen);
                await refused.ReportAsync().ConfigureAwait(false);
                break;
            }

            var now = _executor.Time.GetUtcNow();
            if (round == 1 && _journal is not null && !await _journal.RecordSentAsync(pending, now, callToken).ConfigureAwait(false))
            {
                // The checkpoint failed (the upload is stopping): a batch it could not vouch for never leaves.
                await _sink.EmitAllAsync(pending, UploadOutcomeKind.NotSent, UploadStatuses.CheckpointFailed, wasInFlight: true).ConfigureAwait(false);
                break;
            }

            if (round > 1) _statistics.Retrying(pending.Count);
            var request = new PostInputsRequest();
            foreach (var item in pending)
            {
                item.FirstSentAt ??= now;
                request.Inputs.Add(item.Proto);
            }

            var attempts = new CallAttempts { MaySendAgain = _breaker.TryAcquire, OnFailed = RecordTransportFailure };
            MultiInputResponse response;
            try
            {
                response = await _executor.CallAsync(ClarifaiRpcs.PostInputs, request, new(_callSettings, callToken) { Attempts = attempts }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (callToken.IsCancellationRequested)
            {
                // Abandoned: the request may have reached the server.
                Count(pending, attempts);
                await _sink.EmitAllAsync(pending, UploadOutcomeKind.Unknown, UploadStatuses.Abandoned, wasInFlight: true).ConfigureAwait(false);
                break;
            }
            catch (ClarifaiException e)
            {
                Count(pending, attempts);
                await ReportRequestFailureAsync(e, pending).ConfigureAwait(false);
                break;
            }

            Count(pending, attempts);
            _breaker.RecordSuccess();
            pending = await SortAnswersAsync(response, pending, round, accepted, callToken).ConfigureAwait(false);
            if (pending.Count > 0 && !await BackOffAsync(round, callToken).ConfigureAwait(false))
            {
                // Only inputs the server did not answer for, or answered transiently, are left: their fate is unknown.
                var status = callToken.IsCancellationRequested ? UploadStatuses.Abandoned : UploadStatuses.Unanswered;
                var unanswered = _sink.Group(wasInFlight: true);
                foreach (var item in pending) unanswered.Add(item, item.MaybeStored ? UploadOutcomeKind.Unknown : UploadOutcomeKind.Failed, status);
                await unanswered.ReportAsync().ConfigureAwait(false);
                break;
            }
        }

        if (accepted.Count > 0) await FinishAcceptedAsync(accepted, callToken).ConfigureAwait(false);
    }

    /// <summary>A transport failure that says the server could not be reached or did not answer counts towards the breaker.</summary>
    private void RecordTransportFailure(ClarifaiException failure)
    {
        if (failure is ClarifaiTransportException && RetryPolicy.IsTransient(failure)) _breaker.RecordFailure();
    }

    /// <summary>What the engine's attempts did to the inputs: each attempt sent them, and one that failed after leaving may have stored them.</summary>
    private void Count(List<UploadItem> pending, CallAttempts attempts)
    {
        var sent = Math.Max(1, attempts.Sent);
        for (var again = 1; again < sent; again++) _statistics.Retrying(pending.Count);
        foreach (var item in pending)
        {
            item.Attempts += sent;
            item.MaybeStored |= attempts.EarlierAttemptMayHaveLanded;
        }
    }

    /// <summary>Reports every input of a request the engine gave up on (its retries spent, the breaker open, or a failure no resend cures).</summary>
    private async Task ReportRequestFailureAsync(ClarifaiException failure, List<UploadItem> pending)
    {
        if (failure is ClarifaiAuthenticationException) _stop(failure);
        var transient = RetryPolicy.IsTransient(failure);
        var status = failure.Code == Clarifai.Api.Status.StatusCode.Zero ? failure.Status with { Description = failure.Message } : failure.Status;
        var failed = _sink.Group(wasInFlight: true);
        foreach (var item in pending) failed.Add(item, UploadAnswerClassifier.AfterRequestFailure(transient, item.MaybeStored), status);
        await failed.ReportAsync().ConfigureAwait(false);
    }

    /// <summary>Sorts the answers: accepted inputs are collected, refused ones reported, and what is left to send again is returned.</summary>
    private async Task<List<UploadItem>> SortAnswersAsync(MultiInputResponse response, List<UploadItem> pending, int attempt, List<(UploadItem, ClarifaiStatus, bool)> accepted, CancellationToken callToken)
    {
        var retry = new List<UploadItem>();
        List<(UploadItem Item, ClarifaiStatus Status)>? duplicates = null;
        UploadOutcomeGroup? refused = null;
        var statuses = new AnswerStatuses();
        var attemptsLeft = attempt < _retry.MaxAttempts;
        for (var i = 0; i < pending.Count; i++)
        {
            var item = pending[i];
            var answer = UploadAnswerClassifier.AnswerFor(response, pending, i);
            switch (UploadAnswerClassifier.Classify(answer, item.DuplicateMayBeOwn, attemptsLeft))
            {
                case UploadVerdict.Accepted:
                    accepted.Add((item, statuses.Of(answer!), false));
                    break;
                case UploadVerdict.VerifyDuplicate:
                    (duplicates ??= []).Add((item, statuses.Of(answer!)));
                    break;
                case UploadVerdict.Retry:
                    // No answer at all: the input may be stored, so a later "already exists" needs checking.
                    if (answer is null) item.MaybeStored = true;
                    retry.Add(item);
                    break;
                default:
                    (refused ??= _sink.Group(wasInFlight: true)).Add(item, UploadOutcomeKind.Failed, statuses.Of(answer!));
                    break;
            }
        }

        if (refused is not null) await refused.ReportAsync().ConfigureAwait(false);
        if (duplicates is not null) await ResolveDuplicatesAsync(duplicates, accepted, callToken).ConfigureAwait(false);
        return retry;
    }

    private async Task ResolveDuplicatesAsync(List<(UploadItem Item, ClarifaiStatus Status)> duplicates, List<(UploadItem, ClarifaiStatus, bool)> accepted, CancellationToken callToken)
    {
        var own = new Dictionary<string, Input>(StringComparer.Ordinal);
        try
        {
            // Each input with the evidence it has: content-hash ids, URLs and texts are compared as they are; bytes under
            // the caller's own id also need to have been created no earlier than this job's first sending of them.
            var sent = duplicates.Select(d => (d.Item.Proto, d.Item.StoredNoEarlierThan)).ToList();
            var found = await DuplicateAnswerResolver.FindOwnAsync(_executor, sent, _callSettings, callToken).ConfigureAwait(false);
            foreach (var (id, input) in found) own[id] = input;
        }
        catch (Exception e) when (e is ClarifaiException or OperationCanceledException)
        {
            var status = new ClarifaiStatus(Clarifai.Api.Status.StatusCode.InputDuplicate, "Unknown: answered 'already exists' after a lost answer, and the stored input could not be checked", e.Message, string.Empty);
            await _sink.EmitAllAsync(duplicates.Select(d => d.Item), UploadOutcomeKind.Unknown, status, wasInFlight: true).ConfigureAwait(false);
            return;
        }

        var others = _sink.Group(wasInFlight: true);
        foreach (var (item, status) in duplicates)
        {
            if (own.TryGetValue(item.Id, out var stored)) accepted.Add((item, ClarifaiStatus.FromProto(stored.Status), true));
            else others.Add(item, UploadOutcomeKind.Failed, status);
        }

        await others.ReportAsync().ConfigureAwait(false);
    }

    /// <summary>Reports accepted inputs, after waiting for their processing when asked to.</summary>
    private async Task FinishAcceptedAsync(List<(UploadItem Item, ClarifaiStatus Status, bool Deduplicated)> accepted, CancellationToken callToken)
    {
        var outcomes = _sink.Group(wasInFlight: true);
        if (!_waitForProcessing)
        {
            foreach (var (item, status, deduplicated) in accepted) outcomes.Add(item, UploadOutcomeKind.Succeeded, status, deduplicated);
            await outcomes.ReportAsync().ConfigureAwait(false);
            return;
        }

        InputProcessingWaiter.Result result;
        try
        {
            result = await InputProcessingWaiter.WaitAsync(_executor, accepted.Select(a => a.Item.Id).ToList(), _polling, _polling.Timeout, _callSettings, callToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClarifaiException or OperationCanceledException)
        {
            // The inputs are on the server; only their processing is unconfirmed. Report that, do not lose them.
            await _sink.EmitAllAsync(accepted.Select(a => a.Item), UploadOutcomeKind.Failed, UploadStatuses.ProcessingUnconfirmed(e.Message), wasInFlight: true).ConfigureAwait(false);
            return;
        }

        foreach (var (item, _, deduplicated) in accepted)
        {
            if (result.Latest.TryGetValue(item.Id, out var input) && input.State is InputState.Processed or InputState.Failed)
            {
                var kind = input.State == InputState.Processed ? UploadOutcomeKind.Succeeded : UploadOutcomeKind.Failed;
                outcomes.Add(item, kind, input.Status, deduplicated);
            }
            else
            {
                var why = result.TimedOut ? $"still being processed after {result.Waited}" : "the input was not found after it was accepted";
                outcomes.Add(item, UploadOutcomeKind.Failed, UploadStatuses.ProcessingUnconfirmed(why));
            }
        }

        await outcomes.ReportAsync().ConfigureAwait(false);
    }

    private async Task<bool> BackOffAsync(int attempt, CancellationToken callToken)
    {
        if (_retry.DelayAfter(attempt, remaining: null) is not { } delay) return false;
        try
        {
            await Task.Delay(delay, _executor.Time, callToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (callToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
