using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary>
/// The sample app host (samples/Aspire), run end to end by Aspire's own orchestrator (no Docker, no dashboard): the
/// local server comes up as the emulator resource from its tool package, the worker uploads the sample folder and
/// exits, the minimal API turns healthy and answers a prediction — all of them on the one resource's connection string.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleAppHostTests
{
    [Test]
    [CancelAfter(150_000)]
    public async Task TheSample_RunsOnTheEmulatorResource_TheWorkerUploadsTheFolder_AndTheApiPredicts(CancellationToken cancellationToken)
    {
        using var localServer = await LocalServerPackage.PackAsync(cancellationToken);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Clarifai_Samples_AppHost>(
            [$"--LocalServer:Source={localServer.Feed}", $"--LocalServer:Version={localServer.Version}"], cancellationToken);
        await using var app = await builder.BuildAsync(cancellationToken);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();

        await app.StartAsync(cancellationToken);
        await notifications.WaitForResourceHealthyAsync("clarifai-emulator", cancellationToken);
        await notifications.WaitForResourceHealthyAsync("api", cancellationToken);
        var uploader = await notifications.WaitForResourceAsync("uploader", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);

        using var api = app.CreateHttpClient("api");
        var count = await api.GetFromJsonAsync<int>("/inputs/count", cancellationToken);
        using var red = new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryLayout.PathOf("samples", "Aspire", "images", "red", "poppy.png"), cancellationToken));
        using var predicted = await api.PostAsync(new Uri("/predict", UriKind.Relative), red, cancellationToken);
        var concepts = await predicted.Content.ReadFromJsonAsync<ConceptScore[]>(cancellationToken);
        using var empty = await api.PostAsync(new Uri("/predict", UriKind.Relative), new ByteArrayContent([]), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(uploader.Snapshot.ExitCode, Is.Zero, "the worker uploaded every image");
            Assert.That(count, Is.EqualTo(4), "the four images of samples/Aspire/images, in the app the API reads");
            Assert.That(predicted.IsSuccessStatusCode, Is.True, predicted.ToString());
            Assert.That(concepts, Is.Not.Empty);
            Assert.That(concepts![0].Name, Is.EqualTo("red"), "the local server's general model names colours");
            Assert.That((int)empty.StatusCode, Is.EqualTo(400));
        });
    }

    private sealed record ConceptScore(string Name, float Value);
}
