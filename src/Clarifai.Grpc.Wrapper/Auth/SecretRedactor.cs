namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Removes the API key from text that leaves the library (exception messages, log lines), in case a server or a
/// proxy echoes it back. The key itself is held only here and in the call invoker that sends it.
/// </summary>
internal sealed class SecretRedactor
{
    private const string Mask = "***";
    private readonly string? _secret;

    public SecretRedactor(string? secret) => _secret = string.IsNullOrEmpty(secret) ? null : secret;

    public string Redact(string text) =>
        _secret is null || string.IsNullOrEmpty(text) ? text : text.Replace(_secret, Mask, StringComparison.Ordinal);

    public ClarifaiStatus Redact(ClarifaiStatus status) =>
        status with { Description = Redact(status.Description), Details = Redact(status.Details) };
}
