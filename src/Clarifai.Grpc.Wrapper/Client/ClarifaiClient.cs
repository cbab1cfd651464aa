using Clarifai.Api;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The entry point to the Clarifai API: idiomatic async services for the custom-model workflow
/// (<see cref="Inputs"/>, <see cref="Models"/>, <see cref="ModelVersions"/>, <see cref="Predictions"/>), and the
/// complete generated client (<see cref="GrpcClient"/>) for every other RPC — all with the credentials attached.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Create one per application (or register it with
/// <see cref="Microsoft.Extensions.DependencyInjection.ClarifaiServiceCollectionExtensions.AddClarifai(Microsoft.Extensions.DependencyInjection.IServiceCollection, System.Action{ClarifaiClientOptions})"/>)
/// and reuse it: it owns one HTTP/2 channel, or borrows the <see cref="CallInvoker"/> or channel it was given.</para>
/// <para>Every service method is virtual, and this class has a protected constructor, so tests can mock it.</para>
/// </remarks>
public class ClarifaiClient : IDisposable, IAsyncDisposable
{
    /// <summary>The largest response the client accepts, in bytes: predictions over many inputs can be large.</summary>
    public const int MaxReceiveMessageSize = 128 * 1024 * 1024;

    private readonly ClarifaiClientOptions _options;
    private readonly GrpcChannel? _ownedChannel;
    private int _disposed;

    /// <summary>Creates a client over its own channel to <see cref="ClarifaiClientOptions.Endpoint"/>.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where calls, retries and failures are logged; none by default.</param>
    /// <exception cref="ArgumentException">The options are incomplete or invalid (see <see cref="ClarifaiClientOptions.Validate"/>).</exception>
    public ClarifaiClient(ClarifaiClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(ValidatedCopy(options), channel: null, invoker: null, loggerFactory)
    {
    }

    /// <summary>Creates a client over a channel the caller owns (and disposes), for example one shared by several clients.</summary>
    /// <param name="options">The settings; <see cref="ClarifaiClientOptions.Endpoint"/> is ignored, the channel's address counts.</param>
    /// <param name="channel">The channel to borrow.</param>
    /// <param name="loggerFactory">Where calls, retries and failures are logged; none by default.</param>
    /// <exception cref="ArgumentException">
    /// The options are invalid, or the channel is plaintext (<c>http://</c>) and
    /// <see cref="ClarifaiClientOptions.AllowInsecureCredentials"/> is not set: the key would cross the network readable.
    /// </exception>
    public ClarifaiClient(ClarifaiClientOptions options, GrpcChannel channel, ILoggerFactory? loggerFactory = null)
        : this(CheckedForChannel(options, channel), channel, invoker: null, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client over a <see cref="CallInvoker"/> the caller owns: the seam for unit tests (a mocked invoker)
    /// and for custom transports. The credentials are still attached, on top of the invoker.
    /// </summary>
    /// <remarks>
    /// <b>The transport's security is the caller's responsibility here.</b> An invoker does not say where it sends
    /// calls, so the client cannot refuse a plaintext one as it does an <c>http://</c> endpoint or channel: the
    /// <c>authorization</c> header goes to whatever the invoker does with it. Build it over a TLS channel (or over
    /// nothing at all, as a mock does).
    /// </remarks>
    /// <param name="options">The settings; <see cref="ClarifaiClientOptions.Endpoint"/> is ignored.</param>
    /// <param name="callInvoker">The invoker to borrow.</param>
    /// <param name="loggerFactory">Where calls, retries and failures are logged; none by default.</param>
    public ClarifaiClient(ClarifaiClientOptions options, CallInvoker callInvoker, ILoggerFactory? loggerFactory = null)
        : this(ValidatedCopy(options), channel: null, callInvoker ?? throw new ArgumentNullException(nameof(callInvoker)), loggerFactory)
    {
    }

    /// <summary>For mocking only: a client with no channel whose members must all be overridden.</summary>
    protected ClarifaiClient()
    {
        _options = new ClarifaiClientOptions();
        GrpcClient = null!;
        Api = null!;
        Inputs = null!;
        Models = null!;
        Concepts = null!;
        Search = null!;
        Workflows = null!;
        ModelVersions = null!;
        Predictions = null!;
        Methods = null!;
        Apps = null!;
        Annotations = null!;
        Datasets = null!;
        Evaluations = null!;
        Uploads = null!;
    }

    private ClarifaiClient(ClarifaiClientOptions options, GrpcChannel? channel, CallInvoker? invoker, ILoggerFactory? loggerFactory)
    {
        _options = options;
        var overChannel = invoker is null;
        if (invoker is null)
        {
            if (channel is null)
            {
                _ownedChannel = CreateChannel(options);
                channel = _ownedChannel;
            }

            invoker = channel.CreateCallInvoker();
        }

        var authorized = new ClarifaiCallInvoker(invoker, options.ApiKey!, options.UserId, options.AppId, overChannel);
        GrpcClient = new V2.V2Client(authorized);
        var executor = new ClarifaiCallExecutor(authorized, options, loggerFactory?.CreateLogger<ClarifaiClient>());
        Executor = executor;
        Api = new V2.V2Client(new CheckedCallInvoker(authorized, executor));
        Inputs = new InputService(executor, options.Polling);
        Models = new ModelService(executor);
        Concepts = new ConceptService(executor);
        Search = new SearchService(executor);
        Workflows = new WorkflowService(executor);
        ModelVersions = new ModelVersionService(executor, options.Polling);
        Predictions = new PredictionService(executor);
        Methods = new ModelMethodService(executor);
        Apps = new AppService(executor, authorized.DefaultUserAppId?.UserId);
        Annotations = new AnnotationService(executor);
        Datasets = new DatasetService(executor);
        Evaluations = new EvaluationService(executor, options.Polling);
        Uploads = new UploadService(executor, options.Polling, UploadDestination.Of(authorized.DefaultUserAppId?.UserId, authorized.DefaultUserAppId?.AppId, options.ApiKey!));
    }

    /// <summary>
    /// A copy of the options this client uses. The client copied them when it was created: changing the options you
    /// passed, or this copy, changes nothing in the client.
    /// </summary>
    public ClarifaiClientOptions Options => _options.Clone();

    /// <summary>
    /// The raw generated client (every RPC of <c>clarifai.api.V2</c>), with only the credentials layer under it: the
    /// <c>authorization</c> header, the default <c>user_app_id</c>, and the key scrubbed from answers. No deadline, no
    /// retries, no status translation: responses come as the server sent them. <see cref="Api"/> is the same client with
    /// every guarantee.
    /// </summary>
    public virtual V2.V2Client GrpcClient { get; }

    /// <summary>
    /// The complete generated client (every RPC of <c>clarifai.api.V2</c>) with the library's guarantees on every call:
    /// credentials and the default <c>user_app_id</c>, one deadline (<see cref="ClarifaiClientOptions.Timeout"/>, or
    /// the deadline in the call's <see cref="CallOptions"/>), retries by the one rule (reads and predictions; writes only
    /// when nothing was done), status translation — a response whose Clarifai status is not a success throws the typed
    /// <see cref="ClarifaiException"/> from the status table, so a returned response has succeeded (or, for batch
    /// calls, lists each item's own status) — logging, tracing and metrics. Streaming calls get the deadline, tracing
    /// and the translation of every message.
    /// </summary>
    /// <example><code>var models = await clarifai.Api.ListModelsAsync(new ListModelsRequest { PerPage = 50 });</code></example>
    public virtual V2.V2Client Api { get; }

    /// <summary>Adds, reads and waits for inputs (PostInputs, GetInput).</summary>
    public virtual InputService Inputs { get; }

    /// <summary>Creates and reads models (PostModels, GetModel).</summary>
    public virtual ModelService Models { get; }

    /// <summary>Lists, creates and renames the app's concepts (ListConcepts, PostConcepts, PatchConcepts).</summary>
    public virtual ConceptService Concepts { get; }

    /// <summary>Searches inputs by concept, metadata and visual similarity (PostInputsSearches).</summary>
    public virtual SearchService Search { get; }

    /// <summary>Creates workflows and runs them on inputs (PostWorkflows, PostWorkflowResults).</summary>
    public virtual WorkflowService Workflows { get; }

    /// <summary>Trains model versions and waits for training (PostModelVersions, GetModelVersion).</summary>
    public virtual ModelVersionService ModelVersions { get; }

    /// <summary>Predicts with a model (PostModelOutputs).</summary>
    public virtual PredictionService Predictions { get; }

    /// <summary>
    /// Calls models by their method signatures (named, typed arguments; unary, generate and stream methods), as Clarifai's
    /// current runtime serves them; models of the older kind are called the older way.
    /// </summary>
    public virtual ModelMethodService Methods { get; }

    /// <summary>Creates, reads, lists, describes and deletes the user's apps (PostApps, GetApp, ListApps, PatchApps, DeleteApp).</summary>
    public virtual AppService Apps { get; }

    /// <summary>Labels inputs with annotations (concepts, regions) and reads, lists and deletes them.</summary>
    public virtual AnnotationService Annotations { get; }

    /// <summary>Datasets of the app's inputs, and their versions.</summary>
    public virtual DatasetService Datasets { get; }

    /// <summary>Evaluates trained model versions and reads their figures.</summary>
    public virtual EvaluationService Evaluations { get; }

    /// <summary>Uploads any number of inputs with bounded memory, retries and an outcome for each.</summary>
    public virtual UploadService Uploads { get; }

    /// <summary>The call pipeline shared by the services; the uploader builds on it.</summary>
    internal ClarifaiCallExecutor Executor { get; } = null!;

    /// <summary>Disposes the channel, if the client created it.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the channel, if the client created it.</summary>
    /// <returns>A task that completes when it is disposed.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"ClarifaiClient({_options.Endpoint})";

    /// <summary>Releases the channel the client created; a borrowed channel or invoker stays open.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0) _ownedChannel?.Dispose();
    }

    /// <summary>One channel per endpoint, HTTP/2 with several connections when one's streams run out.</summary>
    internal static GrpcChannel CreateChannel(ClarifaiClientOptions options) => GrpcChannel.ForAddress(options.Endpoint, ChannelOptions());

    /// <summary>The options of the channel a client creates (a new handler each time: the channel owns and disposes it).</summary>
    internal static GrpcChannelOptions ChannelOptions() =>
        new()
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
            DisposeHttpClient = true,
            // After an outage the channel waits this long at most between connection attempts, so a server that is
            // back is used within a second or two, inside a call's retry budget (the defaults grow to two minutes).
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(1),
            MaxReceiveMessageSize = MaxReceiveMessageSize,
            MaxSendMessageSize = null,
        };

    private static ClarifaiClientOptions CheckedForChannel(ClarifaiClientOptions options, GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var copy = ValidatedCopy(options);
        ChannelSecurity.CheckBorrowed(channel, copy, nameof(channel));
        return copy;
    }

    private static ClarifaiClientOptions ValidatedCopy(ClarifaiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        return copy;
    }
}
