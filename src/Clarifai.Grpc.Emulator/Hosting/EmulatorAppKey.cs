namespace Clarifai.Grpc.Emulator;

/// <summary>
/// An app-scoped API key, as the real API has: bound to one app, so a call that names no <c>user_app_id</c> acts on
/// that app, and a call naming another app is refused (11007 CONN_INSUFFICIENT_SCOPES). Clarifai's public app
/// (<c>clarifai/main</c>, the built-in models) is open to every key.
/// </summary>
/// <param name="Key">The key clients send as <c>authorization: Key …</c>.</param>
/// <param name="UserId">The user the app belongs to.</param>
/// <param name="AppId">The app.</param>
public sealed record EmulatorAppKey(string Key, string UserId, string AppId)
{
    /// <summary>Parses <c>KEY:USER/APP</c>, the command line's form.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The text is not of that form.</exception>
    public static EmulatorAppKey Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var colon = value.LastIndexOf(':');
        var slash = colon < 0 ? -1 : value.IndexOf('/', colon);
        if (colon <= 0 || slash < 0 || slash == colon + 1 || slash == value.Length - 1)
        {
            throw new ArgumentException($"'{value}' is not an app key of the form KEY:USER/APP.", nameof(value));
        }

        return new EmulatorAppKey(value[..colon], value[(colon + 1)..slash], value[(slash + 1)..]);
    }

    /// <summary>Checks that every part is set.</summary>
    /// <exception cref="ArgumentException">A part is empty.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(AppId);
    }
}
