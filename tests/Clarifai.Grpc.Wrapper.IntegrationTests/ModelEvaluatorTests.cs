using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The local server's evaluator on examples built to tell held-out predictions from in-sample ones.</summary>
[TestFixture]
public sealed class ModelEvaluatorTests
{
    [Test]
    public void EveryPrediction_IsHeldOut()
    {
        // Each input has a feature of its own (one-hot) and an arbitrary label: the trainer fits such inputs perfectly
        // (in-sample ROC AUC 1), but an input's own feature is never seen by the classifier that predicts it, so
        // held-out predictions carry no information about its label.
        const int count = 20;
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            var features = new float[count];
            features[i] = 1;
            var label = i % 3 == 0 || i % 7 == 0 ? 1.0 : 0.0;
            return new LabelledExample($"input-{i:00}", features, new Dictionary<string, double> { ["a"] = label });
        }).ToList();

        var inSample = ConceptClassifier.Fit(ModelTrainer.ByConcept(examples, ["a"]));
        var inSampleAuc = Auc(examples.Select(e => (inSample.Predict(e.Features).Single().Value, e.Labels["a"] > 0.5)).ToList());
        var (metrics, code, _) = ModelEvaluator.Evaluate(examples, ["a"]);

        TestContext.Out.WriteLine($"in-sample {inSampleAuc}, held-out {metrics!.Summary.MacroAvgRocAuc}");
        Assert.Multiple(() =>
        {
            Assert.That(inSampleAuc, Is.EqualTo(1.0).Within(1e-9), "the premise: the trainer fits these inputs");
            Assert.That(code, Is.EqualTo(StatusCode.ModelEvaluated));
            Assert.That(metrics.Summary.MacroAvgRocAuc, Is.LessThan(0.7f));
            Assert.That(metrics.TestSet, Has.Count.EqualTo(count), "every input is predicted once");
        });
    }

    [Test]
    public void NoLabelledInput_NeedsLabels_AndAConceptWithoutNegatives_NeedsInputs()
    {
        var onlyPositives = new[] { new LabelledExample("x", [1f], new Dictionary<string, double> { ["a"] = 1 }), new LabelledExample("y", [2f], new Dictionary<string, double> { ["a"] = 1 }) };

        var none = ModelEvaluator.Evaluate([], ["a"]);
        var positives = ModelEvaluator.Evaluate(onlyPositives, ["a"]);

        Assert.Multiple(() =>
        {
            Assert.That((none.Metrics, none.Failure), Is.EqualTo(((Clarifai.Api.EvalMetrics?)null, StatusCode.ModelEvaluationNeedLabels)));
            Assert.That((positives.Metrics, positives.Failure), Is.EqualTo(((Clarifai.Api.EvalMetrics?)null, StatusCode.ModelEvaluationNeedInputs)));
            Assert.That(positives.Details, Does.Contain("2 positive, 0 negative"));
        });
    }

    [Test]
    public void RocAuc_IsTheShareOfPositiveNegativePairsRankedRight_TiesCountingHalf()
    {
        // Positives scored 0.3, 0.5, 0.6; negatives 0.1, 0.2, 0.4, 0.5. Right pairs: 0.3 beats 2, 0.5 beats 3 and ties
        // 1, 0.6 beats 4 → 9.5 of 12.
        var scored = new List<(float, bool)> { (0.3f, true), (0.5f, true), (0.6f, true), (0.1f, false), (0.2f, false), (0.4f, false), (0.5f, false) };

        Assert.That(ModelEvaluator.RocAuc(scored), Is.EqualTo(9.5f / 12).Within(1e-6));
    }

    private static double Auc(List<(float Score, bool Positive)> scored)
    {
        var positives = scored.Where(s => s.Positive).Select(s => s.Score).ToList();
        var negatives = scored.Where(s => !s.Positive).Select(s => s.Score).ToList();
        return positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0)) / (positives.Count * negatives.Count);
    }
}
