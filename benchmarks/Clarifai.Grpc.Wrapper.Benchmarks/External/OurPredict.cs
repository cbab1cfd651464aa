using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>One prediction at a time through our <see cref="PredictionService"/>.</summary>
internal sealed class OurPredict(string endpoint, string key) : ClientScenario
{
    private readonly ClarifaiClient _client = OurClient(endpoint, key);
    private readonly ImageSource _image = ImageSource.FromBytes(ImageContents.Of(0).Span);

    public override bool IsUpload => false;

    public override async Task RunAsync(int count, string idPrefix, List<TimeSpan>? latencies)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var prediction = await _client.Predictions.PredictAsync("sink", _image);
            if (prediction.Concepts[0].Id.Length == 0) throw new InvalidOperationException("No concept.");
            latencies?.Add(Stopwatch.GetElapsedTime(started));
        }
    }

    public override void Dispose() => _client.Dispose();
}
