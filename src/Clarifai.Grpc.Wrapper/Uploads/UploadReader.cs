using System.Threading.Channels;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Reads the source into batches of at most <see cref="UploadOptions.BatchSize"/> inputs and
/// <see cref="UploadOptions.MaxBatchBytes"/> bytes and hands them to the senders through a bounded channel, so the
/// source is never read far ahead of the answers.
/// </summary>
/// <remarks>
/// <para>Every input read is either handed over in a batch or, when reading stops early, reported as not sent:
/// <c>batch</c> (unless a sender took it) and <c>carry</c> always hold exactly the inputs read and not yet handed over
/// or reported — <c>carry</c> from the moment an input is counted, through its checkpoint lookup, until it is in a batch.</para>
/// <para>A source that fails (throws) ends the reading there like its end would: the batch in hand is still handed over,
/// so everything read before the failure is sent and reported, and the upload then ends with the source's exception.
/// A checkpoint that fails stops the upload at once: what was read and not sent is reported not sent.</para>
/// </remarks>
internal sealed class UploadReader
{
    private readonly UploadOptions _options;
    private readonly ChannelWriter<UploadBatch> _batches;
    private readonly UploadOutcomeSink _sink;
    private readonly UploadStatistics _statistics;
    private readonly UploadJournal? _journal;
    private readonly UploadCheckpointScope _scope;

    public UploadReader(UploadOptions options, ChannelWriter<UploadBatch> batches, UploadOutcomeSink sink, UploadStatistics statistics, UploadJournal? journal, UploadCheckpointScope scope)
    {
        _options = options;
        _batches = batches;
        _sink = sink;
        _statistics = statistics;
        _journal = journal;
        _scope = scope;
    }

    /// <summary>Reads until the source ends or <paramref name="readToken"/> stops it.</summary>
    /// <param name="source">The inputs.</param>
    /// <param name="stop">Ends the upload now (a checkpoint that failed, a bug).</param>
    /// <param name="endWith">Ends the upload with the source's exception once everything read before it is reported.</param>
    /// <param name="readToken">Stops reading: cancellation, or a fatal error elsewhere.</param>
    public async Task ReadAsync(IAsyncEnumerable<NewInput> source, Action<Exception> stop, Action<Exception> endWith, CancellationToken readToken)
    {
        var batch = new UploadBatch();
        UploadItem? carry = null;
        try
        {
            if (_journal is not null && !await _journal.ClaimAsync(_scope, readToken).ConfigureAwait(false)) return;

            var inputs = source.GetAsyncEnumerator(readToken);
            await using var disposeInputs = inputs.ConfigureAwait(false);
            while (true)
            {
                NewInput? input;
                try
                {
                    if (!await inputs.MoveNextAsync().ConfigureAwait(false)) break;
                    input = inputs.Current ?? throw new InvalidOperationException("The upload source yielded a null input.");
                }
                catch (Exception e) when (e is not OperationCanceledException || !readToken.IsCancellationRequested)
                {
                    // The source failed: what it gave before is still sent; the upload then ends with its exception.
                    endWith(e);
                    break;
                }

                var item = UploadItem.Create(input, _options.IdMode);

                // Another worker's share: not this upload's input at all.
                if (_options.Partition is { } partition && !partition.Owns(item.Id)) continue;
                _statistics.Read();
                carry = item;
                if (_journal is not null && await _journal.FindAsync(item, readToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.State == UploadCheckpointState.Finished)
                    {
                        carry = null;
                        await _sink.EmitAsync(item, UploadOutcomeKind.Skipped, UploadStatuses.Skipped, wasInFlight: false).ConfigureAwait(false);
                        continue;
                    }

                    // Sent by a run that did not record the outcome: evidence for an "already exists", if the row is the same.
                    if (entry.ContentHash == item.ContentHash) item.SentByEarlierRun = entry.SentAt ?? DateTimeOffset.MinValue;
                }

                if (batch.Items.Count > 0 && (batch.Items.Count == _options.BatchSize || batch.Bytes + item.Size > _options.MaxBatchBytes))
                {
                    await _batches.WriteAsync(batch, readToken).ConfigureAwait(false);
                    batch = new UploadBatch();
                }

                batch.Add(item);
                carry = null;

                // A source that ignores its token still stops here, with this input accounted for in the batch.
                readToken.ThrowIfCancellationRequested();
            }

            if (batch.Items.Count > 0) await _batches.WriteAsync(batch, readToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (readToken.IsCancellationRequested)
        {
            // Stopped while reading: what was read but not handed over was never sent.
            await EmitNotSentAsync(batch, carry).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The checkpoint failed (already stopping the upload), or a bug: stop, and account for what was read.
            stop(e);
            await EmitNotSentAsync(batch, carry).ConfigureAwait(false);
        }
        finally
        {
            _batches.TryComplete();
        }
    }

    private async Task EmitNotSentAsync(UploadBatch batch, UploadItem? carry)
    {
        if (batch.TryReclaim()) await _sink.EmitAllAsync(batch.Items, UploadOutcomeKind.NotSent, UploadStatuses.Cancelled, wasInFlight: false).ConfigureAwait(false);
        if (carry is not null) await _sink.EmitAsync(carry, UploadOutcomeKind.NotSent, UploadStatuses.Cancelled, wasInFlight: false).ConfigureAwait(false);
    }
}
