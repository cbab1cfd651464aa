using System.Threading.Channels;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Reads the source into batches of at most <see cref="UploadOptions.BatchSize"/> inputs and
/// <see cref="UploadOptions.MaxBatchBytes"/> bytes and hands them to the senders through a bounded channel, so the
/// source is never read far ahead of the answers.
/// </summary>
/// <remarks>
/// Every input read is either handed over in a batch or, when reading stops early, reported as not sent:
/// <c>batch</c> (unless a sender took it) and <c>carry</c> always hold exactly the inputs read and not yet handed over.
/// </remarks>
internal sealed class UploadReader
{
    private readonly UploadOptions _options;
    private readonly ChannelWriter<UploadBatch> _batches;
    private readonly UploadOutcomeSink _sink;
    private readonly UploadStatistics _statistics;

    public UploadReader(UploadOptions options, ChannelWriter<UploadBatch> batches, UploadOutcomeSink sink, UploadStatistics statistics)
    {
        _options = options;
        _batches = batches;
        _sink = sink;
        _statistics = statistics;
    }

    /// <summary>Reads until the source ends or <paramref name="readToken"/> stops it.</summary>
    /// <param name="source">The inputs.</param>
    /// <param name="stop">Ends the upload when the source itself fails (its exception is the upload's).</param>
    /// <param name="readToken">Stops reading: cancellation, or a fatal error elsewhere.</param>
    public async Task ReadAsync(IAsyncEnumerable<NewInput> source, Action<Exception> stop, CancellationToken readToken)
    {
        var batch = new UploadBatch();
        UploadItem? carry = null;
        try
        {
            await foreach (var input in source.WithCancellation(readToken).ConfigureAwait(false))
            {
                if (input is null) throw new InvalidOperationException("The upload source yielded a null input.");
                var item = UploadItem.Create(input, _options.IdMode);

                // Another worker's share: not this upload's input at all.
                if (_options.Partition is { } partition && !partition.Owns(item.Id)) continue;
                _statistics.Read();
                if (_options.Checkpoint is { } checkpoint && await checkpoint.IsFinishedAsync(item.Id, readToken).ConfigureAwait(false))
                {
                    await _sink.EmitAsync(item, UploadOutcomeKind.Skipped, UploadStatuses.Skipped, wasInFlight: false).ConfigureAwait(false);
                    continue;
                }

                if (batch.Items.Count > 0 && (batch.Items.Count == _options.BatchSize || batch.Bytes + item.Size > _options.MaxBatchBytes))
                {
                    carry = item;
                    await _batches.WriteAsync(batch, readToken).ConfigureAwait(false);
                    batch = new UploadBatch();
                    carry = null;
                }

                batch.Add(item);

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
            // The source failed: it ends the upload; what it gave before is accounted for.
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
