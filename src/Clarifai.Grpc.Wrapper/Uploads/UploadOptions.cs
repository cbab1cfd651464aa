namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>How <see cref="UploadService"/> batches, parallelizes, identifies and retries an upload.</summary>
public sealed record UploadOptions
{
    /// <summary>The defaults: 128 inputs or 8 MiB per request, 16 requests in flight, random ids, 8 attempts per input.</summary>
    public static UploadOptions Default => new();

    /// <summary>The most inputs per PostInputs request: 1 to 128 (Clarifai's limit). Default 128.</summary>
    public int BatchSize { get; init; } = InputService.MaxInputsPerRequest;

    /// <summary>
    /// The most bytes of encoded inputs per request. Default 8 MiB: well under the local server's 64 MiB message limit,
    /// and it keeps the worst case of memory (see <see cref="MaxConcurrency"/>) in the hundreds of MiB even for large
    /// images. Lower it for a server with a smaller limit. A single larger input is sent alone.
    /// </summary>
    public long MaxBatchBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>
    /// How many requests are in flight at once. Default 16: in the benchmark against the local server with 20 ms of
    /// latency, 16 came within 6% of 32 at half its memory (docs/benchmarks.md). Memory is bounded by
    /// <c>MaxConcurrency + 6</c> batches (in flight, read ahead, outcomes waiting for the consumer and those it is reading), whatever the length of the source.
    /// </summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>How ids are chosen for inputs that have none. Default <see cref="UploadIdMode.Random"/>.</summary>
    public UploadIdMode IdMode { get; init; } = UploadIdMode.Random;

    /// <summary>
    /// Retries of an input that failed transiently (its batch met gRPC Unavailable, a deadline or throttling, or the
    /// input itself got a retryable code). Default: 8 attempts, 200 ms backoff doubling to 10 s, with jitter.
    /// </summary>
    public RetrySettings Retry { get; init; } = new() { MaxAttempts = 8, InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Whether to wait until Clarifai has processed each uploaded input (30000), reporting inputs that fail
    /// processing (30002) as failed. Default <see langword="false"/>: an input counts as succeeded once accepted.
    /// </summary>
    public bool WaitForProcessing { get; init; }

    /// <summary>What happens to requests in flight when the upload is cancelled. Default <see cref="UploadCancellationMode.AwaitInFlight"/>.</summary>
    public UploadCancellationMode CancellationMode { get; init; } = UploadCancellationMode.AwaitInFlight;

    /// <summary>
    /// After how many transport failures in a row (across all requests of the upload) sending stops for
    /// <see cref="BreakDuration"/>: batches not yet sent are then reported <see cref="UploadOutcomeKind.NotSent"/> at
    /// once instead of each spending all its attempts against a server that is gone; after the break one request probes
    /// the server. 1 to 1000; default 8.
    /// </summary>
    public int BreakAfterFailures { get; init; } = 8;

    /// <summary>How long sending stops once <see cref="BreakAfterFailures"/> is reached. Positive; default 5 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Settings for every request of the upload over the client's: a per-request timeout, headers, and the user and app
    /// to upload to. Their <see cref="CallSettings.Retry"/> is not used: <see cref="Retry"/> governs the upload's retries.
    /// </summary>
    public CallSettings? CallSettings { get; init; }

    /// <summary>
    /// Where the job's finished inputs are recorded, so that a re-run (after a crash, say) skips them; or
    /// <see langword="null"/> (default) for none. Needs deterministic ids: <see cref="IdMode"/> must be
    /// <see cref="UploadIdMode.ContentHash"/> (inputs with their own ids keep them).
    /// </summary>
    public IUploadCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// The source's name, recorded in the <see cref="Checkpoint"/>'s scope (<see cref="UploadCheckpointScope.Source"/>) so
    /// that a checkpoint of one source is not taken for another's; or <see langword="null"/> (default) for none.
    /// <see cref="UploadService.UploadDirectoryAsync"/> sets it to the folder's name when it is not set; the
    /// <c>clarifai</c> tool to the folder's or file's name. A name, not a path, so that workers on machines that mount the
    /// source elsewhere agree.
    /// </summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// This worker's share of a job split among several (<see cref="UploadPartition"/>), or <see langword="null"/>
    /// (default) for the whole source. Inputs of other shares are read and passed over: they have no outcome here and
    /// are not in the summary. Needs deterministic ids (<see cref="UploadIdMode.ContentHash"/>).
    /// </summary>
    public UploadPartition? Partition { get; init; }

    /// <summary>The name of the folder or file at <paramref name="path"/>, as <see cref="SourceName"/> records it.</summary>
    /// <param name="path">A folder's or file's path.</param>
    /// <returns>Its last segment, e.g. <c>photos</c> for <c>/data/photos/</c>.</returns>
    public static string SourceNameOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, InputService.MaxInputsPerRequest, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, 1, nameof(MaxBatchBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchBytes, ClarifaiLimits.MaxRequestBytes, nameof(MaxBatchBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConcurrency, 256, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(BreakAfterFailures, 1, nameof(BreakAfterFailures));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BreakAfterFailures, 1000, nameof(BreakAfterFailures));
        Guard.Wait(BreakDuration, nameof(BreakDuration));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        CallSettings?.Validate();
        Retry.Validate();
        if (!Enum.IsDefined(IdMode)) throw new ArgumentOutOfRangeException(nameof(IdMode), IdMode, "Unknown id mode.");
        if (Checkpoint is not null && IdMode != UploadIdMode.ContentHash)
        {
            throw new ArgumentException("A checkpoint needs ids that are the same on every run: set IdMode = UploadIdMode.ContentHash.", nameof(Checkpoint));
        }

        Partition?.Validate();
        if (Partition is not null && IdMode != UploadIdMode.ContentHash)
        {
            throw new ArgumentException("Partitions need ids that are the same in every worker: set IdMode = UploadIdMode.ContentHash.", nameof(Partition));
        }
        if (!Enum.IsDefined(CancellationMode)) throw new ArgumentOutOfRangeException(nameof(CancellationMode), CancellationMode, "Unknown cancellation mode.");
    }
}
