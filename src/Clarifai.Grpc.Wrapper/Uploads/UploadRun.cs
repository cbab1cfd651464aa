using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Clarifai.Api;
using GrpcStatusCode = Grpc.Core.StatusCode;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// One upload: a reader that turns the source into batches, <see cref="UploadOptions.MaxConcurrency"/> workers that
/// send them, and a bounded stream of outcomes back to the caller.
/// </summary>
/// <remarks>
/// <para>Memory is bounded by two bounded channels: at most <c>MaxConcurrency</c> batches wait for a worker, so the
/// source is never read more than about <c>2 × MaxConcurrency + 1</c> batches ahead of the answers; and a slow
/// consumer of outcomes holds the workers back.</para>
/// <para>Nothing is lost: every input read from the source leaves as exactly one <see cref="UploadOutcome"/>.</para>
/// </remarks>
internal sealed class UploadRun : IDisposable
{
    private readonly ClarifaiCallExecutor _executor;
    private readonly UploadOptions _options;
    private readonly PollingSettings _polling;
    private readonly IProgress<UploadProgress>? _progress;
    private readonly Channel<UploadBatch> _batches;
    private readonly Channel<UploadOutcome> _outcomes;

    /// <summary>Stops reading and sending: the user cancelled, or a fatal error (bad credentials) makes going on pointless.</summary>
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Tears everything down: the consumer stopped listening, or the run is over.</summary>
    private readonly CancellationTokenSource _abort = new();

    private Exception? _fatal;

    public UploadRun(ClarifaiCallExecutor executor, UploadOptions options, PollingSettings polling, IProgress<UploadProgress>? progress)
    {
        _executor = executor;
        _options = options;
        _polling = polling;
        _progress = progress;
        Statistics = new UploadStatistics(executor.Time);
        _batches = Channel.CreateBounded<UploadBatch>(new BoundedChannelOptions(options.MaxConcurrency) { SingleWriter = true });
        _outcomes = Channel.CreateBounded<UploadOutcome>(new BoundedChannelOptions(options.BatchSize * options.MaxConcurrency) { SingleReader = true });
    }

    public UploadStatistics Statistics { get; }

    public async IAsyncEnumerable<UploadOutcome> RunAsync(IAsyncEnumerable<NewInput> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var onCancel = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        var readSource = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _abort.Token);
        // Abandoning in-flight requests cancels them with the user's token; awaiting them lets them run to the end.
        var callSource = _options.CancellationMode == UploadCancellationMode.AbandonInFlight
            ? CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, _stop.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        var callToken = callSource.Token;

        var reader = Task.Run(() => ReadAsync(source, readSource.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, _options.MaxConcurrency).Select(_ => Task.Run(() => WorkAsync(callToken), CancellationToken.None)).ToArray();
        var all = Task.WhenAll([reader, .. workers]);
        _ = all.ContinueWith(t => _outcomes.Writer.TryComplete(t.Exception?.GetBaseException()), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            await foreach (var outcome in _outcomes.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                yield return outcome;
            }

            _progress?.Report(Statistics.Progress());
            if (_fatal is not null) throw _fatal;
            if (cancellationToken.IsCancellationRequested) throw new UploadCanceledException(Statistics.Summary(), cancellationToken);
        }
        finally
        {
            _abort.Cancel();
            try
            {
                await all.ConfigureAwait(false);
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                // The consumer stopped early: the reader and workers were torn down on purpose.
            }

            onCancel.Dispose();
            readSource.Dispose();
            callSource.Dispose();
            Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }

    /// <summary>Reads the source into batches of at most BatchSize inputs and MaxBatchBytes bytes.</summary>
    /// <remarks>
    /// Every input read is either handed to the workers in a batch or, when reading stops early, reported as not
    /// sent: <c>batch</c> (unless a worker took it) and <c>carry</c> always hold exactly the inputs read and not yet
    /// handed over.
    /// </remarks>
    private async Task ReadAsync(IAsyncEnumerable<NewInput> source, CancellationToken readToken)
    {
        var batch = new UploadBatch();
        UploadItem? carry = null;
        try
        {
            await foreach (var input in source.WithCancellation(readToken).ConfigureAwait(false))
            {
                if (input is null)
                {
                    throw new InvalidOperationException("The upload source yielded a null input.");
                }

                var item = UploadItem.Create(input, _options.IdMode);
                Statistics.Read();
                if (batch.Items.Count > 0 && (batch.Items.Count == _options.BatchSize || batch.Bytes + item.Size > _options.MaxBatchBytes))
                {
                    carry = item;
                    await _batches.Writer.WriteAsync(batch, readToken).ConfigureAwait(false);
                    batch = new UploadBatch();
                    carry = null;
                }

                batch.Add(item);

                // A source that ignores its token still stops here, with this input accounted for in the batch.
                readToken.ThrowIfCancellationRequested();
            }

            if (batch.Items.Count > 0) await _batches.Writer.WriteAsync(batch, readToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            // Cancelled (or stopped by a fatal error) while reading: what was read but not handed over was never sent.
            await EmitNotSentAsync(batch, carry).ConfigureAwait(false);
        }
        catch (Exception) when (!_abort.IsCancellationRequested)
        {
            // The source failed: account for what it gave before, then let its exception end the upload.
            await EmitNotSentAsync(batch, carry).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _batches.Writer.TryComplete();
        }
    }

    private async Task EmitNotSentAsync(UploadBatch batch, UploadItem? carry)
    {
        if (batch.TryReclaim())
        {
            foreach (var item in batch.Items) await EmitAsync(item, UploadOutcomeKind.NotSent, NotSentStatus, wasInFlight: false).ConfigureAwait(false);
        }

        if (carry is not null) await EmitAsync(carry, UploadOutcomeKind.NotSent, NotSentStatus, wasInFlight: false).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken callToken)
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
        {
            if (!batch.TryTake()) continue; // the reader reclaimed it and reported its inputs
            if (_stop.IsCancellationRequested)
            {
                foreach (var item in batch.Items) await EmitAsync(item, UploadOutcomeKind.NotSent, NotSentStatus, wasInFlight: false).ConfigureAwait(false);
                continue;
            }

            Statistics.Sending(batch.Items.Count);
            var succeeded = await SendAsync(batch.Items, callToken).ConfigureAwait(false);
            if (succeeded.Count > 0) await FinishSucceededAsync(succeeded, callToken).ConfigureAwait(false);
            _progress?.Report(Statistics.Progress());
        }
    }

    /// <summary>
    /// Sends a batch until every input has a fate: accepted, refused for good, or out of attempts. Whole-request
    /// transient failures re-send the batch; per-input transient failures re-send only those inputs.
    /// </summary>
    /// <returns>The accepted inputs, with their statuses, for <see cref="FinishSucceededAsync"/>.</returns>
    private async Task<List<(UploadItem Item, ClarifaiStatus Status, bool Deduplicated)>> SendAsync(List<UploadItem> batch, CancellationToken callToken)
    {
        var accepted = new List<(UploadItem, ClarifaiStatus, bool)>();
        var pending = batch;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            if (attempt > 1) Statistics.Retrying(pending.Count);
            var request = new PostInputsRequest();
            foreach (var item in pending)
            {
                item.Attempts++;
                request.Inputs.Add(item.Proto);
            }

            MultiInputResponse response;
            try
            {
                response = await _executor.CallAsync(ClarifaiRpcs.PostInputs, request, callToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (callToken.IsCancellationRequested)
            {
                // Abandoned: the request may have reached the server.
                foreach (var item in pending) await EmitAsync(item, UploadOutcomeKind.Unknown, AbandonedStatus, wasInFlight: true).ConfigureAwait(false);
                return accepted;
            }
            catch (ClarifaiException e)
            {
                var mayHaveReachedServer = !RetryPolicy.HadNoEffect(e);
                foreach (var item in pending) item.MaybeStored |= mayHaveReachedServer;
                var transient = IsTransient(e);
                if (transient && attempt < _options.Retry.MaxAttempts && await BackOffAsync(attempt, callToken).ConfigureAwait(false)) continue;
                if (e is ClarifaiAuthenticationException) Stop(e);
                var status = e.Code == StatusCode.Zero ? new ClarifaiStatus(StatusCode.Zero, e.Message, string.Empty, string.Empty) : e.Status;
                foreach (var item in pending)
                {
                    // Out of attempts after a failure that may have reached the server: the input may be there.
                    var kind = transient && item.MaybeStored ? UploadOutcomeKind.Unknown : UploadOutcomeKind.Failed;
                    await EmitAsync(item, kind, status, wasInFlight: true).ConfigureAwait(false);
                }

                return accepted;
            }

            var retry = new List<UploadItem>();
            for (var i = 0; i < pending.Count; i++)
            {
                var item = pending[i];
                var answer = AnswerFor(response, pending, i);
                if (answer is null)
                {
                    // The server did not say what became of this input: treat it as possibly stored and ask again.
                    item.MaybeStored = true;
                    retry.Add(item);
                    continue;
                }

                var itemStatus = ClarifaiStatus.FromProto(answer.Status);
                if (!ClarifaiInput.IsFailure(itemStatus.Code))
                {
                    accepted.Add((item, itemStatus, false));
                }
                else if (item.MaybeStored && itemStatus.Code is StatusCode.InputDuplicate or StatusCode.DatabaseDuplicateKey)
                {
                    // An earlier attempt of ours added it but its answer was lost: one success, not a duplicate.
                    accepted.Add((item, itemStatus, true));
                }
                else if (ClarifaiStatusCodes.IsRetryable(itemStatus.Code) && attempt < _options.Retry.MaxAttempts)
                {
                    retry.Add(item);
                }
                else
                {
                    await EmitAsync(item, UploadOutcomeKind.Failed, itemStatus, wasInFlight: true).ConfigureAwait(false);
                }
            }

            pending = retry;
            if (pending.Count > 0 && !await BackOffAsync(attempt, callToken).ConfigureAwait(false))
            {
                // Only inputs the server did not answer for are left: out of attempts or cancelled, their fate is unknown.
                var status = callToken.IsCancellationRequested ? AbandonedStatus : UnansweredStatus;
                foreach (var item in pending) await EmitAsync(item, UploadOutcomeKind.Unknown, status, wasInFlight: true).ConfigureAwait(false);
                return accepted;
            }
        }

        return accepted;
    }

    /// <summary>Reports accepted inputs, after waiting for their processing when asked to.</summary>
    private async Task FinishSucceededAsync(List<(UploadItem Item, ClarifaiStatus Status, bool Deduplicated)> accepted, CancellationToken callToken)
    {
        if (!_options.WaitForProcessing)
        {
            foreach (var (item, status, deduplicated) in accepted) await EmitAsync(item, UploadOutcomeKind.Succeeded, status, wasInFlight: true, deduplicated).ConfigureAwait(false);
            return;
        }

        var final = new Dictionary<string, ClarifaiInput>(StringComparer.Ordinal);
        var poller = new Poller(_executor.Time, _polling, _polling.Timeout);
        try
        {
            while (true)
            {
                var request = new ListInputsRequest { PerPage = (uint)accepted.Count };
                request.Ids.AddRange(accepted.Select(a => a.Item.Id).Where(id => !final.ContainsKey(id)));
                var response = await _executor.CallAsync(ClarifaiRpcs.ListInputs, request, callToken).ConfigureAwait(false);
                foreach (var input in response.Inputs.Select(i => new ClarifaiInput(i)).Where(i => i.State is InputState.Processed or InputState.Failed)) final[input.Id] = input;
                if (final.Count == accepted.Count) break;
                await poller.WaitAsync($"{accepted.Count - final.Count} inputs still being processed", callToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ClarifaiException or TimeoutException or OperationCanceledException)
        {
            // The inputs are on the server; only their processing is unconfirmed. Report that, do not lose them.
            var status = new ClarifaiStatus(StatusCode.InputInProgress, "Processing was not confirmed", e.Message, string.Empty);
            foreach (var (item, _, _) in accepted.Where(a => !final.ContainsKey(a.Item.Id))) await EmitAsync(item, UploadOutcomeKind.Failed, status, wasInFlight: true).ConfigureAwait(false);
        }

        foreach (var (item, _, deduplicated) in accepted)
        {
            if (!final.TryGetValue(item.Id, out var input)) continue;
            var kind = input.State == InputState.Processed ? UploadOutcomeKind.Succeeded : UploadOutcomeKind.Failed;
            await EmitAsync(item, kind, input.Status, wasInFlight: true, deduplicated).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether a whole-request failure may pass: what <see cref="ClarifaiException.IsRetryable"/> says (Unavailable,
    /// deadline, resource exhausted, throttling, server-side transients), plus gRPC Internal, which is how a stream
    /// reset mid-call surfaces; the batch's ids make re-sending it safe.
    /// </summary>
    private static bool IsTransient(ClarifaiException e) => RetryPolicy.IsTransient(e);

    /// <summary>The answer for the input at <paramref name="index"/>: by position when the counts agree (Clarifai keeps the order), else by id.</summary>
    private static Input? AnswerFor(MultiInputResponse response, List<UploadItem> pending, int index)
    {
        if (response.Inputs.Count == pending.Count && response.Inputs[index].Id == pending[index].Id) return response.Inputs[index];
        return response.Inputs.FirstOrDefault(i => i.Id == pending[index].Id);
    }

    private async Task<bool> BackOffAsync(int attempt, CancellationToken callToken)
    {
        if (attempt >= _options.Retry.MaxAttempts) return false;
        var delay = _options.Retry.Backoff(attempt);
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

    private void Stop(Exception fatal)
    {
        Interlocked.CompareExchange(ref _fatal, fatal, null);
        _stop.Cancel();
    }

    private async Task EmitAsync(UploadItem item, UploadOutcomeKind kind, ClarifaiStatus status, bool wasInFlight, bool deduplicated = false)
    {
        if (!item.TryClaimReport()) return;
        var outcome = new UploadOutcome(item.Source, item.Id, kind, status, item.Attempts, deduplicated);
        Statistics.Record(outcome, wasInFlight);
        await _outcomes.Writer.WriteAsync(outcome, _abort.Token).ConfigureAwait(false);
    }

    private static readonly ClarifaiStatus NotSentStatus = new(StatusCode.Zero, "Not sent: the upload was cancelled first", string.Empty, string.Empty);

    private static readonly ClarifaiStatus UnansweredStatus = new(StatusCode.Zero, "Unknown: the server never answered for this input within the attempts allowed", string.Empty, string.Empty);

    private static readonly ClarifaiStatus AbandonedStatus = new(StatusCode.Zero, "Unknown: the upload was cancelled while this input's request was in flight", string.Empty, string.Empty);
}
