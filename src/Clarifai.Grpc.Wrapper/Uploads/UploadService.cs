using System.Runtime.CompilerServices;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// Uploads any number of inputs — an endless stream, a folder, a queue — in batches of up to 128, several requests at
/// a time, with bounded memory, retries of what failed transiently, and an outcome for every input. Reach it through
/// <see cref="ClarifaiClient.Uploads"/>.
/// </summary>
/// <remarks>
/// <para><b>Nothing is lost</b>: every input read from the source comes back as exactly one <see cref="UploadOutcome"/>:
/// succeeded, failed (with the reason), or — only after a cancellation — not sent or of unknown fate.</para>
/// <para><b>Nothing is added twice</b>: every input is sent with an id (its own, or one from
/// <see cref="UploadOptions.IdMode"/>), so a re-sent request cannot create a copy; when a re-sent input meets
/// "already exists" (30100) after an earlier attempt whose answer was lost, it counts as one success.</para>
/// <para><b>Retries</b>: a request that fails as a whole with gRPC Unavailable, a deadline, throttling (11003, 11005)
/// or a server-side transient code is sent again (that batch only); inputs that fail on their own with a retryable
/// code are sent again alone; permanent failures (duplicate URL, unsupported format, invalid argument, …) are
/// reported and not retried. Bad credentials stop the whole upload with a <see cref="ClarifaiAuthenticationException"/>
/// after the outcomes of the inputs already read.</para>
/// </remarks>
public class UploadService
{
    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly PollingSettings _polling = null!;
    private readonly string _destination = null!;

    /// <param name="executor">The client's call pipeline.</param>
    /// <param name="polling">How processing is waited for.</param>
    /// <param name="destination">Where the client's inputs go, as a checkpoint's scope names it (<see cref="UploadDestination"/>).</param>
    internal UploadService(ClarifaiCallExecutor executor, PollingSettings polling, string destination)
    {
        _executor = executor;
        _polling = polling;
        _destination = destination;
    }

    /// <summary>For mocking only.</summary>
    protected UploadService()
    {
    }

    /// <summary>Uploads the inputs of an asynchronous source, yielding each input's outcome as it completes.</summary>
    /// <param name="inputs">The source; read lazily, never more than a bounded window ahead of the uploads.</param>
    /// <param name="options">Batching, concurrency, ids and retries; <see cref="UploadOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives a snapshot after each batch.</param>
    /// <param name="cancellationToken">Stops reading the source (see <see cref="UploadOutcomes"/>).</param>
    /// <returns>The outcomes; the upload runs while they are enumerated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public virtual UploadOutcomes UploadAsync(IAsyncEnumerable<NewInput> inputs, UploadOptions? options = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= UploadOptions.Default;
        options.Validate();
        return new UploadOutcomes(new UploadRun(_executor, options, _polling, progress, _destination), inputs, cancellationToken);
    }

    /// <summary>Uploads the inputs of a synchronous source, yielding each input's outcome as it completes.</summary>
    /// <param name="inputs">The source; read lazily.</param>
    /// <param name="options">Batching, concurrency, ids and retries.</param>
    /// <param name="progress">Receives a snapshot after each batch.</param>
    /// <param name="cancellationToken">Stops reading the source.</param>
    /// <returns>The outcomes.</returns>
    public virtual UploadOutcomes UploadAsync(IEnumerable<NewInput> inputs, UploadOptions? options = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return UploadAsync(ToAsync(inputs), options, progress, cancellationToken);
    }

    /// <summary>Uploads everything from an in-memory or lazily computed sequence and returns the summary.</summary>
    /// <param name="inputs">The source.</param>
    /// <param name="options">Batching, concurrency, ids and retries.</param>
    /// <param name="progress">Receives a snapshot after each batch.</param>
    /// <param name="onOutcome">Called with every outcome, for example to log failures; may be null.</param>
    /// <param name="cancellationToken">Stops reading the source.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="UploadCanceledException">The upload was cancelled; its <see cref="UploadCanceledException.Summary"/> accounts for every input read.</exception>
    public virtual Task<UploadSummary> UploadAllAsync(IEnumerable<NewInput> inputs, UploadOptions? options = null, IProgress<UploadProgress>? progress = null, Action<UploadOutcome>? onOutcome = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return UploadAllAsync(ToAsync(inputs), options, progress, onOutcome, cancellationToken);
    }

    /// <summary>Uploads everything and returns the summary; each outcome can be observed on the way.</summary>
    /// <param name="inputs">The source.</param>
    /// <param name="options">Batching, concurrency, ids and retries.</param>
    /// <param name="progress">Receives a snapshot after each batch.</param>
    /// <param name="onOutcome">Called with every outcome, for example to log failures; may be null.</param>
    /// <param name="cancellationToken">Stops reading the source.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="UploadCanceledException">The upload was cancelled; its <see cref="UploadCanceledException.Summary"/> accounts for every input read.</exception>
    public virtual async Task<UploadSummary> UploadAllAsync(IAsyncEnumerable<NewInput> inputs, UploadOptions? options = null, IProgress<UploadProgress>? progress = null, Action<UploadOutcome>? onOutcome = null, CancellationToken cancellationToken = default)
    {
        var stream = UploadAsync(inputs, options, progress, cancellationToken);
        await foreach (var outcome in stream.ConfigureAwait(false)) onOutcome?.Invoke(outcome);
        return stream.Summary!;
    }

    /// <summary>
    /// Uploads the image files of a folder, read one at a time as the upload goes (so memory does not grow with the
    /// folder) in a stable order (<see cref="DirectoryUploadOptions.FilesIn"/>), optionally labelled with the name of
    /// the folder each file is in.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="directoryOptions">Pattern, recursion, extensions, concepts from folder names.</param>
    /// <param name="options">Batching, concurrency, ids and retries; <see cref="UploadOptions.SourceName"/> defaults to the folder's name.</param>
    /// <param name="progress">Receives a snapshot after each batch.</param>
    /// <param name="cancellationToken">Stops reading the folder.</param>
    /// <returns>
    /// The outcomes. A file that cannot be an input (empty, too large, not an image, gone, unreadable) ends the reading
    /// there: the files before it are uploaded, then the enumeration throws an <see cref="UploadSourceException"/> naming it.
    /// </returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public virtual UploadOutcomes UploadDirectoryAsync(string directory, DirectoryUploadOptions? directoryOptions = null, UploadOptions? options = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"The folder '{directory}' does not exist.");
        directoryOptions ??= new DirectoryUploadOptions();
        options ??= UploadOptions.Default;
        if (options.SourceName is null) options = options with { SourceName = UploadOptions.SourceNameOf(directory) };
        return UploadAsync(directoryOptions.ReadInputsAsync(directory, cancellationToken: cancellationToken), options, progress, cancellationToken);
    }

    private static async IAsyncEnumerable<NewInput> ToAsync(IEnumerable<NewInput> inputs)
    {
        foreach (var input in inputs)
        {
            yield return input;
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
