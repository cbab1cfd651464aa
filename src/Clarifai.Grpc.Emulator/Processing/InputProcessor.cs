using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Processes added inputs in the background, as Clarifai does: 30001 pending → 30003 in progress → 30000 success
/// (decoded, features extracted) or 30002 failed (bytes that are not an image, a URL that cannot be fetched).
/// </summary>
internal sealed class InputProcessor : BackgroundService
{
    private const int Workers = 2;
    private readonly Channel<(AppData App, StoredInput Input, ByteString? Bytes)> _queue = Channel.CreateUnbounded<(AppData, StoredInput, ByteString?)>();
    private readonly ImageFetcher _fetcher;

    public InputProcessor(ImageFetcher fetcher) => _fetcher = fetcher;

    public void Enqueue(AppData app, StoredInput input, ByteString? bytes) => _queue.Writer.TryWrite((app, input, bytes));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (app, input, bytes) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                SetState(app, input, StatusCode.InputInProgress, string.Empty);
                var (features, error) = await ExtractAsync(input, bytes, stoppingToken).ConfigureAwait(false);
                lock (app.Gate)
                {
                    input.Features = features;
                    input.MoveTo(features is null ? StatusCode.InputFailed : StatusCode.InputSuccess, error ?? string.Empty);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<(float[]? Features, string? Error)> ExtractAsync(StoredInput input, ByteString? bytes, CancellationToken cancellationToken)
    {
        // The stored input no longer holds its bytes (answers never echo content); they travel with the work item.
        var source = input.Proto.Clone();
        if (bytes is not null) source.Data.Image.Base64 = bytes;
        return await InputFeatures.ExtractAsync(source, _fetcher, cancellationToken).ConfigureAwait(false);
    }

    private static void SetState(AppData app, StoredInput input, StatusCode code, string details)
    {
        lock (app.Gate) input.MoveTo(code, details);
    }
}
