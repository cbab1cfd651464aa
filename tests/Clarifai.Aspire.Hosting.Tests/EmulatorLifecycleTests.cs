using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clarifai.Aspire.Hosting.Tests;

/// <summary>The emulator resource under Aspire's own orchestrator (no Docker, no dashboard), where it can fail.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EmulatorLifecycleTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task AServerThatCannotStart_FailsTheClarifaiResource_NamingWhy_InsteadOfWaitingForIt(CancellationToken cancellationToken)
    {
        var emptyFeed = Directory.CreateTempSubdirectory("clarifai-empty-feed-");
        try
        {
            // The sample app host, its emulator pointed at a version no feed has: dotnet tool exec stops at once.
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Clarifai_Samples_AppHost>(
                [$"--LocalServer:Source={emptyFeed.FullName}", "--LocalServer:Version=0.0.0-not-packed"], cancellationToken);
            await using var app = await builder.BuildAsync(cancellationToken);
            var notifications = app.Services.GetRequiredService<ResourceNotificationService>();

            await app.StartAsync(cancellationToken);
            var clarifai = await notifications.WaitForResourceAsync("clarifai", update => KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text), cancellationToken);
            var log = new List<string>();
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync("clarifai").WithCancellation(cancellationToken))
            {
                log.AddRange(batch.Select(line => line.Content));
            }

            Assert.Multiple(() =>
            {
                Assert.That(clarifai.Snapshot.State?.Text, Is.EqualTo(KnownResourceStates.FailedToStart));
                Assert.That(string.Join('\n', log), Does.Contain("clarifai-emulator").And.Contain("0.0.0-not-packed"));
            });
        }
        finally
        {
            emptyFeed.Delete(recursive: true);
        }
    }
}
