using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Settings for one call (or one upload), merged over the client's defaults: a timeout, a retry policy, extra headers,
/// and the user and app the call is about. Every property left <see langword="null"/> keeps the client's value.
/// Immutable; combine two with <see cref="MergedWith"/> (as gax's <c>CallSettings.MergedWith</c>).
/// </summary>
/// <example><code>
/// var general = await clarifai.Models.GetAsync("general-image-recognition", CallSettings.ForApp("clarifai", "main"));
/// var quick = new CallSettings { Timeout = TimeSpan.FromSeconds(5), Retry = RetrySettings.None };
/// </code></example>
public sealed record CallSettings
{
    /// <summary>The time this call may take in all, retries included; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How this call is retried.</summary>
    public RetrySettings? Retry { get; init; }

    /// <summary>How long this call waits for a cold model.</summary>
    public ModelWarmUpSettings? ModelWarmUp { get; init; }

    /// <summary>Extra request headers (for example a trace id). <c>authorization</c> is refused: the client sends the key.</summary>
    public ImmutableDictionary<string, string>? Headers { get; init; }

    /// <summary>The user whose resources the call is about (with <see cref="AppId"/>): for another app's models or inputs.</summary>
    public string? UserId { get; init; }

    /// <summary>The app the call is about (with <see cref="UserId"/>).</summary>
    public string? AppId { get; init; }

    /// <summary>Settings for a call about another user's app, for example Clarifai's own models (<c>clarifai</c>, <c>main</c>).</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="appId">The app id.</param>
    /// <returns>The settings.</returns>
    public static CallSettings ForApp(string userId, string appId) => new CallSettings { UserId = userId, AppId = appId }.Validated();

    /// <summary>These settings with <paramref name="other"/>'s over them: each value <paramref name="other"/> sets wins; headers are combined.</summary>
    /// <param name="other">The settings that win, or <see langword="null"/>.</param>
    /// <returns>The merged settings.</returns>
    public CallSettings MergedWith(CallSettings? other) => other is null ? this : new CallSettings
    {
        Timeout = other.Timeout ?? Timeout,
        Retry = other.Retry ?? Retry,
        ModelWarmUp = other.ModelWarmUp ?? ModelWarmUp,
        Headers = Headers is null ? other.Headers : other.Headers is null ? Headers : Headers.SetItems(other.Headers),
        UserId = other.UserId is null && other.AppId is null ? UserId : other.UserId,
        AppId = other.UserId is null && other.AppId is null ? AppId : other.AppId,
    };

    /// <summary>Checks the settings before anything is sent.</summary>
    /// <exception cref="ArgumentException">A value breaks its rule (the message says which).</exception>
    public void Validate()
    {
        if (Timeout is { } timeout) Guard.Timeout(timeout, nameof(Timeout));
        Retry?.Validate();
        ModelWarmUp?.Validate();
        if ((UserId is null) != (AppId is null)) throw new ArgumentException($"{nameof(UserId)} and {nameof(AppId)} go together: set both or neither.", nameof(UserId));
        if (UserId is not null) Guard.Id(UserId, nameof(UserId), "user id");
        if (AppId is not null) Guard.Id(AppId, nameof(AppId), "app id");
        foreach (var (key, value) in Headers ?? ImmutableDictionary<string, string>.Empty)
        {
            if (string.IsNullOrEmpty(key) || key.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')))
            {
                throw new ArgumentException($"'{key}' is not a valid header name: lowercase ASCII letters, digits, '-', '_' or '.'.", nameof(Headers));
            }

            if (key == ClarifaiCallInvoker.AuthorizationHeader) throw new ArgumentException("The authorization header is the client's: set the key in ClarifaiClientOptions.ApiKey.", nameof(Headers));
            if (key.EndsWith("-bin", StringComparison.Ordinal) || value is null || value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"The value of header '{key}' must be printable ASCII (binary headers are not supported here).", nameof(Headers));
            }
        }
    }

    internal CallSettings Validated()
    {
        Validate();
        return this;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"CallSettings {{ Timeout = {Timeout}, Retry = {Retry}, Headers = [{string.Join(", ", Headers?.Keys ?? [])}], UserId = {UserId}, AppId = {AppId} }}";
}
