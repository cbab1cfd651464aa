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
        List<LabelledExample> examples;
        lock (app.Gate) examples = Examples(app.Inputs.Values, model);
        var byConcept = ByConcept(examples, model.Concepts);

        var (code, details) =
            byConcept.Values.All(e => e.Count == 0) ? (StatusCode.ModelTrainingNoData, $"No processed input is labelled with any of [{string.Join(", ", model.Concepts)}]")
            : byConcept.FirstOrDefault(e => !e.Value.Any(x => x.Label > 0.5)) is { Key: { } concept } ? (StatusCode.ModelTrainingNoPositives, $"Concept '{concept}' has no positive example")
            : (StatusCode.ModelTrained, string.Empty);

        var classifier = code == StatusCode.ModelTrained ? ConceptClassifier.Fit(byConcept) : null;
        lock (app.Gate)
        {
            version.Classifier = classifier;
            version.MoveTo(code, details, app.Now());
        }
    }

    /// <summary>
    /// The examples a model learns from, by one rule (training and evaluation share it). Per concept: positives are
    /// inputs labelled 1; negatives are inputs labelled 0, plus — when the concepts are mutually exclusive — the
    /// positives of the model's other concepts, plus — unless the environment is closed — the other labelled inputs
    /// that are not positive for the concept. Inputs with no label that counts are left out. Called under the app's lock.
    /// </summary>
    internal static List<LabelledExample> Examples(IEnumerable<StoredInput> inputs, StoredModel model)
    {
        // A text classifier learns from the app's texts, any other classifier from its images.
        var length = model.TakesText ? TextFeatures.Length : ImageFeatures.Length;
        var examples = new List<LabelledExample>();
        foreach (var input in inputs.Where(i => i.Features?.Length == length))
        {
            var labels = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var concept in model.Concepts)
            {
                if (input.LabelOf(concept) is { } value)
                {
                    labels[concept] = value > 0.5f ? 1 : 0;
                    continue;
                }

                var positiveForOther = model.Concepts.Any(other => other != concept && input.LabelOf(other) > 0.5f);
                var labelledAtAll = input.Proto.Data.Concepts.Count > 0;
                if ((model.ConceptsMutuallyExclusive && positiveForOther) || (!model.ClosedEnvironment && labelledAtAll)) labels[concept] = 0;
            }

            if (labels.Count > 0) examples.Add(new LabelledExample(input.Id, input.Features!, labels));
        }

        return examples;
    }

    /// <summary>The examples per concept, as <see cref="ConceptClassifier.Fit"/> takes them.</summary>
    internal static Dictionary<string, List<(float[] Features, double Label)>> ByConcept(IEnumerable<LabelledExample> examples, IEnumerable<string> concepts)
    {
        var byConcept = concepts.ToDictionary(c => c, _ => new List<(float[], double)>(), StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var (concept, label) in example.Labels) byConcept[concept].Add((example.Features, label));
        }

        return byConcept;
    }

    /// <summary>Waits (up to 30 s) until none of the app's inputs is still being processed.</summary>
    internal static async Task WaitForPendingInputsAsync(AppData app, CancellationToken cancellationToken)
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
