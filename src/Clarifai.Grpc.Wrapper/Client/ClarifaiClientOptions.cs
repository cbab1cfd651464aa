namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Settings of a <see cref="ClarifaiClient"/>: credentials, default user and app, endpoint, timeout, retries.
/// Bindable from configuration (section <c>Clarifai</c>, see
/// <see cref="Microsoft.Extensions.DependencyInjection.ClarifaiServiceCollectionExtensions"/>) or from the environment
/// (<see cref="FromEnvironment()"/>).
/// </summary>
/// <remarks>The client copies what it needs when it is created; changing the options afterwards has no effect on it.</remarks>
public sealed class ClarifaiClientOptions
{
    /// <summary>The endpoint of Clarifai's API: <c>https://api.clarifai.com</c> (port 443, TLS).</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.clarifai.com");

    /// <summary>The environment variable holding the API key (a PAT or an app-scoped key).</summary>
    public const string PatVariable = "CLARIFAI_PAT";

    /// <summary>The environment variable holding the default user id.</summary>
    public const string UserIdVariable = "CLARIFAI_USER_ID";

    /// <summary>The environment variable holding the default app id.</summary>
    public const string AppIdVariable = "CLARIFAI_APP_ID";

    /// <summary>The environment variable holding the endpoint (<c>https://host[:port]</c>, or just <c>host[:port]</c> for TLS).</summary>
    public const string ApiBaseVariable = "CLARIFAI_API_BASE";

    /// <summary>
    /// The key sent as <c>authorization: Key …</c>: a personal access token (PAT), which needs <see cref="UserId"/> and
    /// <see cref="AppId"/> (or a <c>user_app_id</c> on each request), or an app-scoped API key, which does not.
    /// Never printed: <see cref="ToString"/> and every message of the library mask it.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The user id that fills <c>user_app_id</c> on requests that carry none. Needed with a PAT.</summary>
    public string? UserId { get; set; }

    /// <summary>The app id that fills <c>user_app_id</c> on requests that carry none. Needed with a PAT.</summary>
    public string? AppId { get; set; }

    /// <summary>The API's address; default <see cref="DefaultEndpoint"/>. <c>http://</c> needs <see cref="AllowInsecureCredentials"/>.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Allows sending the API key over a plaintext <c>http://</c> endpoint, which anyone on the path can read. Only
    /// for a local server (such as the emulator in this repository) on loopback. Default <see langword="false"/>.
    /// </summary>
    public bool AllowInsecureCredentials { get; set; }

    /// <summary>
    /// The time a logical call may take in all, retries and backoffs included: one deadline per call. Default 60 s;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How failed calls are retried; default <see cref="RetrySettings.Default"/>. Each options instance has its own.</summary>
    public RetrySettings Retry { get; set; } = new();

    /// <summary>How long calls wait for a cold model (21351/21354/21355); default <see cref="ModelWarmUpSettings.Default"/>, 10 minutes. Each options instance has its own.</summary>
    public ModelWarmUpSettings ModelWarmUp { get; set; } = new();

    /// <summary>
    /// Paces every request this client sends (retries included), or <see langword="null"/> (default) for no client-side
    /// limit. Shared, not copied: give the same limiter to every client of an account — in one process an
    /// <see cref="AdaptiveRateLimiter"/>, which slows down on 11005 and speeds back up — so they stay under one limit
    /// together. A limiter that implements <see cref="IRateLimitFeedback"/> is told of every throttled and accepted answer.
    /// </summary>
    public System.Threading.RateLimiting.RateLimiter? RateLimiter { get; set; }

    /// <summary>
    /// Paces the inputs this client adds (PostInputs, retries included): each request takes one permit per input it
    /// carries, on top of <see cref="RateLimiter"/>'s one per request; <see langword="null"/> (default) for no limit.
    /// For accounts limited in inputs per second as well as requests. Shared, not copied, like <see cref="RateLimiter"/>;
    /// the limiter must be able to grant a whole batch at once (an <see cref="AdaptiveRateLimiter"/> or the Redis
    /// fleet limiter can; a token bucket needs a limit of at least <see cref="UploadOptions.BatchSize"/>).
    /// </summary>
    public System.Threading.RateLimiting.RateLimiter? InputRateLimiter { get; set; }

    /// <summary>How waits for training and for input processing poll; default <see cref="PollingSettings.Default"/>. Each options instance has its own.</summary>
    public PollingSettings Polling { get; set; } = new();

    /// <summary>The clock and timers of deadlines, backoffs and polling; default <see cref="TimeProvider.System"/>. Tests replace it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Sets the options a configuration section gives (<c>ApiKey</c>, <c>UserId</c>, <c>AppId</c>, <c>Endpoint</c>,
    /// <c>AllowInsecureCredentials</c>, <c>Timeout</c>, <c>Retry:*</c>, <c>ModelWarmUp:*</c>, <c>Polling:*</c>); keys it
    /// lacks leave the options as they are. Plain code, no reflection: trimming- and Native AOT-safe.
    /// </summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Clarifai")</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="section"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A value does not parse; the message names its key.</exception>
    public void Bind(Microsoft.Extensions.Configuration.IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        ClarifaiConfigurationBinder.Bind(section, this);
    }

    /// <summary>Reads the options from <c>CLARIFAI_PAT</c>, <c>CLARIFAI_USER_ID</c>, <c>CLARIFAI_APP_ID</c> and <c>CLARIFAI_API_BASE</c>.</summary>
    /// <returns>The options; unset variables leave the defaults.</returns>
    public static ClarifaiClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the options from the given variables (the seam for tests and for other sources).</summary>
    /// <param name="getVariable">Returns a variable's value, or <see langword="null"/>.</param>
    /// <returns>The options; unset variables leave the defaults.</returns>
    public static ClarifaiClientOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var options = new ClarifaiClientOptions
        {
            ApiKey = NullIfEmpty(getVariable(PatVariable)),
            UserId = NullIfEmpty(getVariable(UserIdVariable)),
            AppId = NullIfEmpty(getVariable(AppIdVariable)),
        };
        if (NullIfEmpty(getVariable(ApiBaseVariable)) is { } apiBase) options.Endpoint = ParseEndpoint(apiBase);
        return options;
    }

    /// <summary>Parses <c>https://host[:port]</c>, <c>http://host:port</c> or a bare <c>host[:port]</c> (TLS).</summary>
    /// <param name="value">The address.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The value is not such an address.</exception>
    public static Uri ParseEndpoint(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var text = value.Contains("://", StringComparison.Ordinal) ? value.Trim() : "https://" + value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{value}' is not an http(s) address of the Clarifai API.", nameof(value));
        }

        return uri;
    }

    /// <summary>Checks that the options can make a client: a key, a consistent user/app pair, a safe endpoint, sane limits.</summary>
    /// <exception cref="ArgumentException">Something is missing or invalid; the message says what.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ApiKey))
        {
            throw new ArgumentException($"{nameof(ApiKey)} is required: a Clarifai PAT or app API key (environment variable {PatVariable}).", nameof(ApiKey));
        }

        Guard.ApiKey(ApiKey, nameof(ApiKey));
        if (!string.IsNullOrEmpty(UserId)) Guard.Id(UserId, nameof(UserId), "user id");
        if (!string.IsNullOrEmpty(AppId)) Guard.Id(AppId, nameof(AppId), "app id");

        if (string.IsNullOrEmpty(UserId) != string.IsNullOrEmpty(AppId))
        {
            throw new ArgumentException($"{nameof(UserId)} and {nameof(AppId)} go together: set both (with a PAT) or neither (with an app API key).", nameof(UserId));
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{nameof(Endpoint)} must be an absolute http(s) address.", nameof(Endpoint));
        }

        if (Endpoint.Scheme == Uri.UriSchemeHttp && !AllowInsecureCredentials)
        {
            throw new ArgumentException(
                $"Refusing to send the API key in plaintext to {Endpoint}. Use https, or set {nameof(AllowInsecureCredentials)} for a local server.",
                nameof(Endpoint));
        }

        Guard.Timeout(Timeout, nameof(Timeout));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        ArgumentNullException.ThrowIfNull(ModelWarmUp, nameof(ModelWarmUp));
        ModelWarmUp.Validate();
        ArgumentNullException.ThrowIfNull(Polling, nameof(Polling));
        Polling.Validate();
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    /// <summary>A copy of these options, so that a client is not affected by later changes.</summary>
    /// <returns>The copy.</returns>
    public ClarifaiClientOptions Clone()
    {
        var copy = (ClarifaiClientOptions)MemberwiseClone();
        // The settings are records, but configuration binding writes their init-only properties by reflection:
        // copies keep a client's settings its own.
        copy.Retry = Retry is null ? null! : Retry with { };
        copy.Polling = Polling is null ? null! : Polling with { };
        copy.ModelWarmUp = ModelWarmUp is null ? null! : ModelWarmUp with { };
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ClarifaiClientOptions {{ Endpoint = {Endpoint}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, UserId = {UserId}, AppId = {AppId}, Timeout = {Timeout}, Retry = {Retry} }}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
