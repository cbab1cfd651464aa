namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>Our streaming uploader with its default options but the concurrency.</summary>
internal sealed class OurUpload(string endpoint, string key, int concurrency) : ClientScenario
{
    private readonly ClarifaiClient _client = OurClient(endpoint, key);
    private readonly UploadOptions _options = new() { MaxConcurrency = concurrency };

    public override bool IsUpload => true;

    public override async Task RunAsync(int count, string idPrefix, List<TimeSpan>? latencies)
    {
        var summary = await _client.Uploads.UploadAllAsync(Inputs(count, idPrefix), _options);
        if (summary.Succeeded != count) throw new InvalidOperationException($"{summary.Succeeded} of {count} inputs succeeded: {summary}");
    }

    public override void Dispose() => _client.Dispose();

    private static IEnumerable<NewInput> Inputs(int count, string idPrefix)
    {
        for (var i = 0; i < count; i++) yield return NewInput.FromBytes(ImageContents.Of(i)).WithId(idPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
