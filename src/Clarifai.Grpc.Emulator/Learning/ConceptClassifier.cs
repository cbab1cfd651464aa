namespace Clarifai.Grpc.Emulator;

/// <summary>
/// One logistic regression per concept over standardized image features: fitted on the concept's positive and
/// negative examples, it gives each concept a value in [0, 1]. Deterministic (full-batch gradient descent from zero).
/// </summary>
internal sealed class ConceptClassifier
{
    private const int Iterations = 400;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-3;

    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly IReadOnlyList<(string Concept, double[] Weights, double Bias)> _concepts;

    private ConceptClassifier(float[] mean, float[] scale, IReadOnlyList<(string, double[], double)> concepts)
    {
        _mean = mean;
        _scale = scale;
        _concepts = concepts;
    }

    /// <summary>Fits one regression per concept.</summary>
    /// <param name="examples">Per concept: feature vectors with label 1 (positive) or 0 (negative).</param>
    public static ConceptClassifier Fit(IReadOnlyDictionary<string, List<(float[] Features, double Label)>> examples)
    {
        var all = examples.Values.SelectMany(e => e).Select(e => e.Features).ToList();
        var dims = all.Count > 0 ? all[0].Length : ImageFeatures.Length;
        var mean = new float[dims];
        var scale = new float[dims];
        for (var d = 0; d < dims; d++)
        {
            var m = all.Count == 0 ? 0 : all.Average(f => f[d]);
            var variance = all.Count == 0 ? 0 : all.Average(f => (f[d] - m) * (f[d] - m));
            mean[d] = (float)m;
            scale[d] = (float)(variance > 1e-12 ? 1 / Math.Sqrt(variance) : 1);
        }

        var fitted = new List<(string, double[], double)>();
        foreach (var (concept, data) in examples)
        {
            var x = data.Select(e => Standardize(e.Features, mean, scale)).ToArray();
            var y = data.Select(e => e.Label).ToArray();
            var w = new double[dims];
            double b = 0;
            for (var it = 0; it < Iterations && x.Length > 0; it++)
            {
                var gw = new double[dims];
                double gb = 0;
                for (var i = 0; i < x.Length; i++)
                {
                    var error = Sigmoid(Dot(w, x[i]) + b) - y[i];
                    for (var d = 0; d < dims; d++) gw[d] += error * x[i][d];
                    gb += error;
                }

                for (var d = 0; d < dims; d++) w[d] -= LearningRate * ((gw[d] / x.Length) + (L2 * w[d]));
                b -= LearningRate * gb / x.Length;
            }

            fitted.Add((concept, w, b));
        }

        return new ConceptClassifier(mean, scale, fitted);
    }

    /// <summary>Each concept's value for an image, highest first.</summary>
    public IReadOnlyList<(string Concept, float Value)> Predict(float[] features)
    {
        var x = Standardize(features, _mean, _scale);
        return _concepts
            .Select(c => (c.Concept, Value: (float)Sigmoid(Dot(c.Weights, x) + c.Bias)))
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Concept, StringComparer.Ordinal)
            .ToList();
    }

    private static double[] Standardize(float[] features, float[] mean, float[] scale)
    {
        var x = new double[features.Length];
        for (var d = 0; d < features.Length; d++) x[d] = (features[d] - mean[d]) * scale[d];
        return x;
    }

    private static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (var d = 0; d < w.Length; d++) sum += w[d] * x[d];
        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
