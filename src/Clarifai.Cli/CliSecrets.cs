namespace Clarifai.Cli;

/// <summary>
/// The secrets one command was given — the API key, a Redis password — so that no message the tool prints can carry
/// one, whoever wrote the message (the library scrubs the key from what the server says; this covers the rest).
/// </summary>
internal sealed class CliSecrets
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    private readonly List<string> _secrets = [];

    /// <summary>Adds a secret (ignored when empty or too short to be one: replacing it would mangle messages).</summary>
    public void Add(string? secret)
    {
        if (secret is { Length: >= 4 }) lock (_secrets) _secrets.Add(secret);
    }

    /// <summary><paramref name="message"/> with every secret masked.</summary>
    public string Scrub(string message)
    {
        lock (_secrets)
        {
            foreach (var secret in _secrets) message = message.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return message;
    }
}
