namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Downloads image URLs, but only from the hosts allowed in <see cref="EmulatorOptions.AllowedUrlHosts"/> (loopback
/// by default), so that the emulator never reaches out of the machine unless told to.
/// </summary>
internal sealed class ImageFetcher : IDisposable
{
    private const int MaxBytes = 20 * 1024 * 1024;
    private readonly HashSet<string> _allowedHosts;
    private readonly bool _offlineSamples;
    // The buffer bound stops a response without Content-Length from growing past the limit too.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxBytes };

    public ImageFetcher(EmulatorOptions options)
    {
        _allowedHosts = new HashSet<string>(options.AllowedUrlHosts.Select(h => h.Trim('[', ']')), StringComparer.OrdinalIgnoreCase);
        _offlineSamples = options.OfflineSamples;
    }

    /// <summary>The image's bytes, or the reason they could not be had.</summary>
    public async Task<(byte[]? Bytes, string? Error)> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"'{url}' is not an http(s) URL");
        }

        if (_offlineSamples && OfflineSamples.Serves(uri)) return (OfflineSamples.Image(uri), null);

        if (!_allowedHosts.Contains(uri.Host.Trim('[', ']')))
        {
            return (null, $"The emulator does not fetch from host '{uri.Host}' (allowed: {string.Join(", ", _allowedHosts)})");
        }

        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return (null, $"GET {uri} answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) return (null, $"{uri} is larger than {MaxBytes} bytes");
            return (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"GET {uri} failed: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
