using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Uploads;

namespace Clarifai.Samples.UploadWorker;

/// <summary>
/// Uploads the folder <c>Upload:Folder</c> names, each image labelled with its folder's name, then stops the service:
/// exit code 0 when every image is in the app, 1 otherwise. Running it again uploads nothing twice (the ids come
/// from the files' contents).
/// </summary>
internal sealed partial class FolderUpload(ClarifaiClient clarifai, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<FolderUpload> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var folder = configuration["Upload:Folder"] ?? throw new InvalidOperationException("Set Upload:Folder to the folder to upload.");
            var outcomes = clarifai.Uploads.UploadDirectoryAsync(folder, new DirectoryUploadOptions { ConceptFromFolderName = true }, cancellationToken: stoppingToken);
            await foreach (var outcome in outcomes.WithCancellation(stoppingToken))
            {
                if (!outcome.Succeeded) LogFailed(outcome.InputId, outcome.Status.ToString());
            }

            var summary = outcomes.Summary!;
            LogUploaded(summary.Succeeded, summary.Total, folder);
            Environment.ExitCode = summary.Result == UploadResult.All ? 0 : 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUploadFailed(e);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {Succeeded} of {Total} images from {Folder}.")]
    private partial void LogUploaded(long succeeded, long total, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Input {InputId} was not added: {Status}.")]
    private partial void LogFailed(string inputId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The upload failed.")]
    private partial void LogUploadFailed(Exception exception);
}
