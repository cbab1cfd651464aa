using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Trains model versions in the background: 21103 queued → 21101 training → 21100 trained, or 21110 (no labelled
/// data) / 21111 (a concept without positive examples). Waits for the app's pending inputs first, so that a
/// training right after an upload sees those inputs, as it would on Clarifai once they are processed.
/// </summary>
internal sealed class ModelTrainer : BackgroundService
{
    private static readonly TimeSpan PendingInputsWait = TimeSpan.FromSeconds(30);
    private readonly Channel<(AppData App, StoredModel Model, StoredModelVersion Version)> _queue = Channel.CreateUnbounded<(AppData, StoredModel, StoredModelVersion)>();
    private readonly EmulatorOptions _options;

    public ModelTrainer(EmulatorOptions options) => _options = options;

    private TimeProvider Time => _options.TimeProvider;

    public void Enqueue(AppData app, StoredModel model, StoredModelVersion version) => _queue.Writer.TryWrite((app, model, version));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (app, model, version) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await WaitForPendingInputsAsync(app, stoppingToken).ConfigureAwait(false);
                lock (app.Gate) version.MoveTo(StatusCode.ModelTraining);
                await Task.Delay(_options.TrainingDuration, Time, stoppingToken).ConfigureAwait(false);
                Train(app, model, version);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Fits the version's classifier from the app's processed, labelled inputs; sets the final status.</summary>
    internal static void Train(AppData app, StoredModel model, StoredModelVersion version)
    {
        Dictionary<string, List<(float[] Features, double Label)>> examples;
        lock (app.Gate) examples = CollectExamples(app, model);

        var (code, details) =
            examples.Values.All(e => e.Count == 0) ? (StatusCode.ModelTrainingNoData, $"No processed input is labelled with any of [{string.Join(", ", model.Concepts)}]")
            : examples.FirstOrDefault(e => !e.Value.Any(x => x.Label > 0.5)) is { Key: { } concept } ? (StatusCode.ModelTrainingNoPositives, $"Concept '{concept}' has no positive example")
            : (StatusCode.ModelTrained, string.Empty);

        var classifier = code == StatusCode.ModelTrained ? ConceptClassifier.Fit(examples) : null;
        lock (app.Gate)
        {
            version.Classifier = classifier;
            version.MoveTo(code, details, app.Now());
        }
    }

    /// <summary>
    /// Per concept: positives are inputs labelled 1; negatives are inputs labelled 0, plus — when the concepts are
    /// mutually exclusive — the positives of the model's other concepts, plus — unless the environment is closed —
    /// the app's other labelled inputs that are not positive for the concept.
    /// </summary>
    private static Dictionary<string, List<(float[] Features, double Label)>> CollectExamples(AppData app, StoredModel model)
    {
        // A text classifier learns from the app's texts, any other classifier from its images.
        var length = model.TakesText ? TextFeatures.Length : ImageFeatures.Length;
        var processed = app.Inputs.Values.Where(i => i.Features?.Length == length).ToList();
        var examples = new Dictionary<string, List<(float[], double)>>(StringComparer.Ordinal);
        foreach (var concept in model.Concepts)
        {
            var list = new List<(float[], double)>();
            foreach (var input in processed)
            {
                var label = input.LabelOf(concept);
                if (label is { } value)
                {
                    list.Add((input.Features!, value > 0.5f ? 1 : 0));
                    continue;
                }

                var positiveForOther = model.Concepts.Any(other => other != concept && input.LabelOf(other) > 0.5f);
                var labelledAtAll = input.Proto.Data.Concepts.Count > 0;
                if ((model.ConceptsMutuallyExclusive && positiveForOther) || (!model.ClosedEnvironment && labelledAtAll))
                {
                    list.Add((input.Features!, 0));
                }
            }

            examples[concept] = list;
        }

        return examples;
    }

    private static async Task WaitForPendingInputsAsync(AppData app, CancellationToken cancellationToken)
    {
        var deadline = app.Time.GetUtcNow() + PendingInputsWait;
        while (app.Time.GetUtcNow() < deadline)
        {
            bool pending;
            lock (app.Gate) pending = app.Inputs.Values.Any(i => i.IsPending);
            if (!pending) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), app.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
