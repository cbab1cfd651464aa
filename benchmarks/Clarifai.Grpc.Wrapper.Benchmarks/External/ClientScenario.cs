namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>One way of using the API that a client process measures: an upload pattern or a prediction loop.</summary>
internal abstract class ClientScenario : IDisposable
{
    /// <summary>Whether an operation is one input uploaded (else one prediction call).</summary>
    public abstract bool IsUpload { get; }

    /// <summary>Makes <paramref name="count"/> operations; ids start with <paramref name="idPrefix"/>; a prediction loop records each call's time in <paramref name="latencies"/>.</summary>
    public abstract Task RunAsync(int count, string idPrefix, List<TimeSpan>? latencies);

    public abstract void Dispose();

    /// <summary>
    /// The scenario named <paramref name="name"/>: <c>upload-ours:N</c> (our uploader, N requests in flight),
    /// <c>upload-raw:N</c> (the raw stub, N workers sending 128-input batches), <c>predict-ours</c>, <c>predict-raw</c>.
    /// </summary>
    public static ClientScenario Create(string name, string endpoint, string key)
    {
        var parts = name.Split(':');
        int Concurrency() => parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : throw new ArgumentException($"{name}: say how many in flight, e.g. {parts[0]}:10");
        return parts[0] switch
        {
            "upload-ours" => new OurUpload(endpoint, key, Concurrency()),
            "upload-raw" => new RawUpload(endpoint, key, Concurrency()),
            "predict-ours" => new OurPredict(endpoint, key),
            "predict-raw" => new RawPredict(endpoint, key),
            _ => throw new ArgumentException($"Unknown scenario '{name}'."),
        };
    }

    /// <summary>The app every client writes to on the sink.</summary>
    protected const string UserId = "bench";

    protected const string AppId = "external";

    /// <summary>What the raw patterns send as <c>user_app_id</c>: the same app as our client's.</summary>
    protected static readonly Clarifai.Api.UserAppIDSet RawUserAppId = new() { UserId = UserId, AppId = AppId };

    /// <summary>Our client, as a user configures it for the sink.</summary>
    protected static ClarifaiClient OurClient(string endpoint, string key) =>
        new(new ClarifaiClientOptions { Endpoint = new Uri(endpoint), ApiKey = key, AllowInsecureCredentials = true, UserId = UserId, AppId = AppId });

    /// <summary>The metadata a user of the raw stub builds by hand.</summary>
    protected static global::Grpc.Core.Metadata RawMetadata(string key) => new() { { "authorization", "Key " + key } };
}
