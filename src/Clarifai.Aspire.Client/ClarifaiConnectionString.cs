using System.Data.Common;

namespace Clarifai.Aspire.Client;

/// <summary>
/// The connection string of a Clarifai resource: <c>Endpoint=https://api.clarifai.com;ApiKey=…;UserId=…;AppId=…</c>
/// (keys case-insensitive, each optional but <c>ApiKey</c>). An app host's emulator resource gives
/// <c>Endpoint=http://127.0.0.1:port</c> — plaintext, so only a loopback endpoint may carry the key without TLS.
/// </summary>
public static class ClarifaiConnectionString
{
    private static readonly string[] Keys = ["Endpoint", "ApiKey", "UserId", "AppId"];

    /// <summary>Sets the options the connection string gives.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="options">The options to set.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The string is malformed, names a key it should not, or has no <c>ApiKey</c>; the message never quotes a value.</exception>
    public static void Apply(string connectionString, ClarifaiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The parser's own message quotes the string, key included.
            throw new ArgumentException("The Clarifai connection string is malformed: it should read Endpoint=…;ApiKey=…;UserId=…;AppId=…", nameof(connectionString));
        }

        foreach (string key in builder.Keys)
        {
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The Clarifai connection string has a key '{key}'; it takes {string.Join(", ", Keys)}.", nameof(connectionString));
            }
        }

        string? Value(string key) => builder.TryGetValue(key, out var value) && value is string text && text.Length > 0 ? text : null;
        options.ApiKey = Value("ApiKey") ?? throw new ArgumentException("The Clarifai connection string has no ApiKey.", nameof(connectionString));
        options.UserId = Value("UserId") ?? options.UserId;
        options.AppId = Value("AppId") ?? options.AppId;
        if (Value("Endpoint") is { } endpoint)
        {
            options.Endpoint = ClarifaiClientOptions.ParseEndpoint(endpoint);

            // The local server of an app host: plaintext on loopback, never elsewhere.
            if (options.Endpoint is { Scheme: "http", IsLoopback: true }) options.AllowInsecureCredentials = true;
        }
    }
}
