using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// One upload: an <see cref="UploadReader"/> that turns the source into batches, <see cref="UploadOptions.MaxConcurrency"/>
/// workers that hand them to the <see cref="UploadSender"/>, and a bounded stream of outcomes back to the caller.
/// </summary>
/// <remarks>
/// <para>Memory is bounded by two bounded channels: at most <see cref="ReadAhead"/> batches wait for a worker, so the
/// source is never read more than <c>MaxConcurrency + ReadAhead + 1</c> batches ahead of the answers; and at most
/// <see cref="OutcomesWaiting"/> batches' outcomes (which hold their inputs) wait for the consumer, so a slow consumer
/// holds the workers back. At most <c>MaxConcurrency + 6</c> batches are alive at any time (with the group the consumer is
/// reading).</para>
/// <para>Nothing is lost: every input read from the source leaves as exactly one <see cref="UploadOutcome"/>.</para>
/// <para>Any exception anywhere — a sender, a disposed client, a progress callback, the checkpoint store — stops the
/// upload: reading stops, batches not yet sent are reported not sent, the batch in hand reports its inputs as unknown,
/// and the enumeration ends by rethrowing the first such exception with its original stack. A source that throws only
/// ends the reading: everything it gave before is sent and reported, then the enumeration rethrows its exception.</para>
/// </remarks>
internal sealed class UploadRun : IDisposable
{
    /// <summary>
    /// Batches read ahead of the workers. Reading a batch takes far less time than sending one, so a worker that
    /// finishes finds the next batch ready with two waiting; more would only hold more images in memory.
    /// </summary>
    internal const int ReadAhead = 2;

    /// <summary>Groups of outcomes (a batch's each) that may wait for the consumer before the workers wait for it.</summary>
    internal const int OutcomesWaiting = 2;

    private readonly UploadOptions _options;
    private readonly IProgress<UploadProgress>? _progress;
    private readonly Channel<UploadBatch> _batches;
    private readonly UploadOutcomeSink _sink;
    private readonly UploadReader _reader;
    private readonly UploadSender _sender;

    /// <summary>Stops reading and sending: the user cancelled, or a fatal error makes going on pointless.</summary>
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Tears everything down: the consumer stopped listening, or the run is over.</summary>
    private readonly CancellationTokenSource _abort = new();

    private ExceptionDispatchInfo? _fatal;

    /// <param name="executor">The client's call pipeline.</param>
    /// <param name="options">The upload's options, validated.</param>
    /// <param name="polling">How processing is waited for.</param>
    /// <param name="progress">Receives snapshots, if given.</param>
    /// <param name="destination">Where the client's inputs go (<see cref="UploadCheckpointScope.Destination"/>), unless the options' call settings name another app.</param>
    public UploadRun(ClarifaiCallExecutor executor, UploadOptions options, PollingSettings polling, IProgress<UploadProgress>? progress, string destination)
    {
        _options = options;
        _progress = progress;
        Statistics = new UploadStatistics(executor.Time);
        var journal = options.Checkpoint is { } checkpoint ? new UploadJournal(checkpoint, Stop) : null;
        var scope = new UploadCheckpointScope(options.CallSettings is { UserId: { } user, AppId: { } app } ? UploadDestination.Of(user, app) : destination, options.SourceName);
        _batches = Channel.CreateBounded<UploadBatch>(new BoundedChannelOptions(ReadAhead) { SingleWriter = true });
        _sink = new UploadOutcomeSink(OutcomesWaiting, Statistics, _abort.Token) { Journal = journal };
        _reader = new UploadReader(options, _batches.Writer, _sink, Statistics, journal, scope);
        var breaker = new CircuitBreaker(options.BreakAfterFailures, options.BreakDuration, executor.Time);
        _sender = new UploadSender(executor, options, polling, breaker, _sink, Statistics, Stop, journal);
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

        var reader = Task.Run(() => _reader.ReadAsync(source, Stop, EndWith, readSource.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, _options.MaxConcurrency).Select(_ => Task.Run(() => WorkAsync(callToken), CancellationToken.None)).ToArray();
        var all = Task.WhenAll([reader, .. workers]);
        _ = all.ContinueWith(static (_, sink) => ((UploadOutcomeSink)sink!).Complete(), _sink, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            await foreach (var group in _sink.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                foreach (var outcome in group) yield return outcome;
            }

            ReportProgress();
            _fatal?.Throw();
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
                // Torn down on purpose (the consumer stopped early, or the run is over): what the tasks threw is moot.
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

    private async Task WorkAsync(CancellationToken callToken)
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
        {
            if (!batch.TryTake()) continue; // the reader reclaimed it and reported its inputs
            if (_stop.IsCancellationRequested)
            {
                await _sink.EmitAllAsync(batch.Items, UploadOutcomeKind.NotSent, UploadStatuses.Cancelled, wasInFlight: false).ConfigureAwait(false);
                continue;
            }

            Statistics.Sending(batch.Items.Count);
            try
            {
                await _sender.SendAsync(batch.Items, callToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!_abort.IsCancellationRequested)
            {
                // Unexpected (a disposed client, a bug): the upload ends with it, and this batch's inputs stay accounted for.
                Stop(e);
                await _sink.EmitAllAsync(batch.Items, UploadOutcomeKind.Unknown, UploadStatuses.Stopped(e), wasInFlight: true).ConfigureAwait(false);
            }

            ReportProgress();
        }
    }

    /// <summary>Reports progress; a callback that throws ends the upload like any other failure.</summary>
    private void ReportProgress()
    {
        if (_progress is null) return;
        try
        {
            _progress.Report(Statistics.Progress());
        }
        catch (Exception e)
        {
            Stop(e);
        }
    }

    /// <summary>
    /// Ends the upload with <paramref name="failure"/> once everything already read has its outcome, without stopping
    /// anything: a source that failed stops itself, and what it gave before is still sent.
    /// </summary>
    private void EndWith(Exception failure) => Interlocked.CompareExchange(ref _fatal, ExceptionDispatchInfo.Capture(failure), null);

    /// <summary>Ends the upload on <paramref name="fatal"/> now; the first such exception is the one the enumeration throws.</summary>
    private void Stop(Exception fatal)
    {
        EndWith(fatal);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run is already over.
        }
    }
}
