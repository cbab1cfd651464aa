using Clarifai.Api;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// The raw generated stub as Clarifai's Python SDK uses it: <c>workers</c> workers each sending the next 128-input
/// batch, with hand-built metadata and a status check.
/// </summary>
internal sealed class RawUpload : ClientScenario
{
    private const int Batch = 128;
    private readonly GrpcChannel? _channel;
    private readonly CallInvoker _invoker;
    private readonly int _workers;
    private readonly Metadata _metadata;

    /// <summary>Over a channel to <paramref name="endpoint"/>.</summary>
    public RawUpload(string endpoint, string key, int workers)
        : this(GrpcChannel.ForAddress(endpoint), key, workers)
    {
    }

    /// <summary>Over <paramref name="invoker"/> (an in-memory one, for the overhead benchmark).</summary>
    public RawUpload(CallInvoker invoker, string key, int workers)
    {
        _invoker = invoker;
        _workers = workers;
        _metadata = RawMetadata(key);
    }

    private RawUpload(GrpcChannel channel, string key, int workers)
        : this(channel.CreateCallInvoker(), key, workers) => _channel = channel;

    public override bool IsUpload => true;

    public override async Task RunAsync(int count, string idPrefix, List<TimeSpan>? latencies)
    {
        var client = new V2.V2Client(_invoker);
        var batches = (count + Batch - 1) / Batch;
        var next = -1;
        async Task WorkAsync()
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var request = new PostInputsRequest { UserAppId = RawUserAppId };
                for (var i = b * Batch; i < Math.Min(count, (b + 1) * Batch); i++)
                {
                    request.Inputs.Add(new Input { Id = idPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Data = new Data { Image = new Image { Base64 = ImageContents.Of(i) } } });
                }

                var response = await client.PostInputsAsync(request, _metadata);
                if (response.Status.Code != StatusCode.Success) throw new InvalidOperationException(response.Status.Description);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(WorkAsync)));
    }

    public override void Dispose() => _channel?.Dispose();
}
