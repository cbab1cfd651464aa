using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Evaluates a classifier the way its trainer would build it, on inputs it did not learn from: k-fold cross-validation
/// (k = 5, or fewer with fewer inputs; inputs ordered by id, input i in fold i mod k). Each input is predicted by a
/// classifier fitted by <see cref="ConceptClassifier.Fit"/> on the other folds' examples, so every figure comes from
/// held-out predictions. Pure and deterministic.
/// </summary>
internal static class ModelEvaluator
{
    /// <summary>The number of folds when there are enough inputs.</summary>
    public const int Folds = 5;

    /// <summary>A prediction counts as positive from this value on (for F1, precision, recall and the confusion matrix).</summary>
    public const float Threshold = 0.5f;

    /// <summary>Computes the metrics, or the reason they cannot be computed (21315, 21316).</summary>
    /// <param name="examples">The labelled inputs (the trainer's rule, <see cref="ModelTrainer.Examples"/>).</param>
    /// <param name="concepts">The model's concepts.</param>
    /// <returns>The metrics with every part filled (the caller trims what was not asked for), or the failure.</returns>
    public static (EvalMetrics? Metrics, StatusCode Failure, string Details) Evaluate(IReadOnlyList<LabelledExample> examples, IReadOnlyList<string> concepts)
    {
        if (examples.Count == 0)
        {
            return (null, StatusCode.ModelEvaluationNeedLabels, $"No processed input is labelled with any of [{string.Join(", ", concepts)}]");
        }

        foreach (var concept in concepts)
        {
            var positives = examples.Count(e => e.Labels.TryGetValue(concept, out var l) && l > 0.5);
            var negatives = examples.Count(e => e.Labels.TryGetValue(concept, out var l) && l <= 0.5);
            if (positives == 0 || negatives == 0 || examples.Count < 2)
            {
                return (null, StatusCode.ModelEvaluationNeedInputs, $"Concept '{concept}' needs at least one positive and one negative input to evaluate ({positives} positive, {negatives} negative)");
            }
        }

        var predictions = CrossValidate(examples, concepts);
        var metrics = new EvalMetrics { Summary = new MetricsSummary() };
        var perConcept = concepts.Select(c => ConceptMetrics(c, Scored(c, examples, predictions))).ToList();
        metrics.BinaryMetrics.AddRange(perConcept.Select(c => c.Metrics));
        metrics.MetricsByClass.AddRange(perConcept.Select(c => c.Metrics.Clone()));
        metrics.Summary.MacroAvgRocAuc = Mean(perConcept.Select(c => c.Metrics.RocAuc));
        metrics.Summary.MacroStdRocAuc = Std(perConcept.Select(c => c.Metrics.RocAuc));
        metrics.Summary.MacroAvgF1Score = Mean(perConcept.Select(c => c.Metrics.F1));
        metrics.Summary.MacroStdF1Score = Std(perConcept.Select(c => c.Metrics.F1));
        metrics.Summary.MacroAvgPrecision = Mean(perConcept.Select(c => c.Precision));
        metrics.Summary.MacroAvgRecall = Mean(perConcept.Select(c => c.Recall));
        metrics.ConfusionMatrix = Confusion(examples, predictions, concepts);
        metrics.CooccurrenceMatrix = Cooccurrence(examples, concepts);
        metrics.LabelCounts = new LabelDistribution();
        metrics.LabelCounts.PositiveLabelCounts.AddRange(concepts.Select(c => new LabelCount { Concept = new Concept { Id = c, Name = c }, Count = (uint)examples.Count(e => IsPositive(e, c)) }));
        for (var i = 0; i < examples.Count; i++)
        {
            var entry = new EvalTestSetEntry { Input = new Input { Id = examples[i].InputId } };
            entry.PredictedConcepts.AddRange(predictions[i].Select(p => new Concept { Id = p.Key, Name = p.Key, Value = p.Value }).OrderByDescending(c => c.Value).ThenBy(c => c.Id, StringComparer.Ordinal));
            entry.GroundTruthConcepts.AddRange(concepts.Where(c => IsPositive(examples[i], c)).Select(c => new Concept { Id = c, Name = c, Value = 1 }));
            metrics.TestSet.Add(entry);
        }

        return (metrics, StatusCode.ModelEvaluated, string.Empty);
    }

    /// <summary>Each example's held-out prediction per concept, in the examples' order.</summary>
    private static Dictionary<string, float>[] CrossValidate(IReadOnlyList<LabelledExample> examples, IReadOnlyList<string> concepts)
    {
        var order = Enumerable.Range(0, examples.Count).OrderBy(i => examples[i].InputId, StringComparer.Ordinal).ToList();
        var folds = Math.Min(Folds, examples.Count);
        var foldOf = new int[examples.Count];
        for (var rank = 0; rank < order.Count; rank++) foldOf[order[rank]] = rank % folds;

        var predictions = new Dictionary<string, float>[examples.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var training = examples.Where((_, i) => foldOf[i] != fold);
            var classifier = ConceptClassifier.Fit(ModelTrainer.ByConcept(training, concepts));
            for (var i = 0; i < examples.Count; i++)
            {
                if (foldOf[i] == fold) predictions[i] = classifier.Predict(examples[i].Features).ToDictionary(p => p.Concept, p => p.Value, StringComparer.Ordinal);
            }
        }

        return predictions;
    }

    /// <summary>A concept's binary metrics from its held-out scores, with its precision and recall at <see cref="Threshold"/>.</summary>
    private static (BinaryMetrics Metrics, float Precision, float Recall) ConceptMetrics(string concept, List<(float Score, bool Positive)> scored)
    {
        var positives = scored.Count(s => s.Positive);
        var negatives = scored.Count - positives;
        var (precision, recall) = PrecisionRecall(scored);
        var metrics = new BinaryMetrics
        {
            Concept = new Concept { Id = concept, Name = concept },
            NumPos = (uint)positives,
            NumNeg = (uint)negatives,
            NumTot = (uint)scored.Count,
            RocAuc = RocAuc(scored),
            F1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            RocCurve = new ROC(),
            PrecisionRecallCurve = new PrecisionRecallCurve(),
        };

        // One point per distinct score, from the highest threshold down: the curves the API draws.
        var truePositives = 0;
        var falsePositives = 0;
        double averagePrecision = 0;
        foreach (var group in scored.GroupBy(s => s.Score).OrderByDescending(g => g.Key))
        {
            var newTrue = group.Count(s => s.Positive);
            truePositives += newTrue;
            falsePositives += group.Count() - newTrue;
            var pointPrecision = (float)truePositives / (truePositives + falsePositives);
            var pointRecall = (float)truePositives / positives;
            averagePrecision += pointPrecision * newTrue / positives;
            metrics.RocCurve.Thresholds.Add(group.Key);
            metrics.RocCurve.Tpr.Add(pointRecall);
            metrics.RocCurve.Fpr.Add((float)falsePositives / negatives);
            metrics.PrecisionRecallCurve.Thresholds.Add(group.Key);
            metrics.PrecisionRecallCurve.Precision.Add(pointPrecision);
            metrics.PrecisionRecallCurve.Recall.Add(pointRecall);
        }

        metrics.AvgPrecision = (float)averagePrecision;
        return (metrics, precision, recall);
    }

    /// <summary>The concept's held-out scores of the examples that count for it, with their labels.</summary>
    private static List<(float Score, bool Positive)> Scored(string concept, IReadOnlyList<LabelledExample> examples, Dictionary<string, float>[] predictions) =>
        [.. examples.Select((e, i) => (e, i)).Where(x => x.e.Labels.ContainsKey(concept)).Select(x => (predictions[x.i][concept], x.e.Labels[concept] > 0.5))];

    /// <summary>The probability that a positive scores above a negative (ties count a half): the area under the ROC curve.</summary>
    internal static float RocAuc(List<(float Score, bool Positive)> scored)
    {
        double wins = 0;
        var positives = scored.Where(s => s.Positive).Select(s => s.Score).ToList();
        var negatives = scored.Where(s => !s.Positive).Select(s => s.Score).ToList();
        foreach (var p in positives)
        {
            foreach (var n in negatives) wins += p > n ? 1 : p == n ? 0.5 : 0;
        }

        return (float)(wins / (positives.Count * (double)negatives.Count));
    }

    private static (float Precision, float Recall) PrecisionRecall(List<(float Score, bool Positive)> scored)
    {
        var predictedPositive = scored.Count(s => s.Score >= Threshold);
        var truePositive = scored.Count(s => s.Score >= Threshold && s.Positive);
        var positives = scored.Count(s => s.Positive);
        return (predictedPositive == 0 ? 0 : (float)truePositive / predictedPositive, positives == 0 ? 0 : (float)truePositive / positives);
    }

    /// <summary>
    /// Over the inputs positive for exactly one concept: the share of each actual concept's inputs whose top prediction
    /// is each concept (rows sum to 1); concepts ordered by the strength of their diagonal, as the proto says.
    /// </summary>
    private static ConfusionMatrix Confusion(IReadOnlyList<LabelledExample> examples, Dictionary<string, float>[] predictions, IReadOnlyList<string> concepts)
    {
        var counts = new Dictionary<(string Actual, string Predicted), int>();
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            var positives = concepts.Where(c => IsPositive(examples[i], c)).ToList();
            if (positives.Count != 1) continue;
            var predicted = predictions[i].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
            counts[(positives[0], predicted)] = counts.GetValueOrDefault((positives[0], predicted)) + 1;
            totals[positives[0]] = totals.GetValueOrDefault(positives[0]) + 1;
        }

        var matrix = new ConfusionMatrix();
        foreach (var ((actual, predicted), count) in counts.OrderBy(c => c.Key.Actual, StringComparer.Ordinal).ThenBy(c => c.Key.Predicted, StringComparer.Ordinal))
        {
            matrix.Matrix.Add(new ConfusionMatrixEntry
            {
                Actual = actual,
                Predicted = predicted,
                Value = (float)count / totals[actual],
                ActualConcept = new Concept { Id = actual, Name = actual },
                PredictedConcept = new Concept { Id = predicted, Name = predicted },
            });
        }

        float Diagonal(string c) => totals.TryGetValue(c, out var total) ? (float)counts.GetValueOrDefault((c, c)) / total : 0;
        matrix.ConceptIds.AddRange(concepts.OrderByDescending(Diagonal).ThenBy(c => c, StringComparer.Ordinal));
        return matrix;
    }

    /// <summary>How many inputs are labelled positive for both concepts of each pair (the diagonal: for the concept).</summary>
    private static CooccurrenceMatrix Cooccurrence(IReadOnlyList<LabelledExample> examples, IReadOnlyList<string> concepts)
    {
        var matrix = new CooccurrenceMatrix();
        matrix.ConceptIds.AddRange(concepts);
        foreach (var row in concepts)
        {
            foreach (var col in concepts)
            {
                var count = examples.Count(e => IsPositive(e, row) && IsPositive(e, col));
                if (count > 0) matrix.Matrix.Add(new CooccurrenceMatrixEntry { Row = row, Col = col, Count = (uint)count });
            }
        }

        return matrix;
    }

    private static bool IsPositive(LabelledExample example, string concept) => example.Labels.TryGetValue(concept, out var label) && label > 0.5;

    private static float Mean(IEnumerable<float> values) => values.DefaultIfEmpty(0).Average();

    private static float Std(IEnumerable<float> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return 0;
        var mean = list.Average();
        return (float)Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
    }
}
