using System.Diagnostics;
using Clarifai.Api;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// One prediction at a time with the raw stub as a production caller writes it: build the request, attach metadata, set
/// a deadline (as our client's default timeout does; Grpc.Net.Client then runs a deadline timer per call — about 280 B
/// and a few µs), check the status, sort the concepts.
/// </summary>
internal sealed class RawPredict(string endpoint, string key) : ClientScenario
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(endpoint);
    /// <summary>The deadline a caller gives each call: our client's default timeout.</summary>
    private static readonly TimeSpan Timeout = new ClarifaiClientOptions().Timeout;

    private readonly Metadata _metadata = RawMetadata(key);

    public override bool IsUpload => false;

    public override async Task RunAsync(int count, string idPrefix, List<TimeSpan>? latencies)
    {
        var client = new V2.V2Client(_channel);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var request = new PostModelOutputsRequest { UserAppId = RawUserAppId, ModelId = "sink" };
            request.Inputs.Add(new Input { Data = new Data { Image = new Image { Base64 = ImageContents.Of(0) } } });
            var response = await client.PostModelOutputsAsync(request, _metadata, DateTime.UtcNow + Timeout);
            if (response.Status.Code != StatusCode.Success) throw new InvalidOperationException(response.Status.Description);
            if (response.Outputs[0].Data.Concepts.OrderByDescending(c => c.Value).First().Id.Length == 0) throw new InvalidOperationException("No concept.");
            latencies?.Add(Stopwatch.GetElapsedTime(started));
        }
    }

    public override void Dispose() => _channel.Dispose();
}
