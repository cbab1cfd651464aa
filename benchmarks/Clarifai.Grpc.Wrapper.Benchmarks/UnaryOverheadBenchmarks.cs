using BenchmarkDotNet.Attributes;
using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>
/// One PostModelOutputs through our <see cref="PredictionService"/> against the raw generated client with hand-built
/// metadata and a status check: over loopback HTTP/2 to the emulator, and over an in-memory invoker that answers at
/// once (our CPU and allocation cost alone).
/// </summary>
[MemoryDiagnoser]
public class UnaryOverheadBenchmarks
{
    private ClarifaiEmulator? _emulator;
    private GrpcChannel? _rawChannel;
    private V2.V2Client _raw = null!;
    private Metadata _metadata = null!;
    private UserAppIDSet _userAppId = null!;
    private ClarifaiClient _wrapper = null!;
    private ImageSource _image = null!;
    private ByteString _imageBytes = null!;

    /// <summary>Where the calls go.</summary>
    [Params(Transport.InMemory, Transport.Loopback)]
    public Transport Transport { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var png = SceneGenerator.Png(ScenePalette.Warm, 1);
        _image = ImageSource.FromBytes(png);
        _imageBytes = ByteString.CopyFrom(png);
        _userAppId = new UserAppIDSet { UserId = BenchmarkData.UserId, AppId = "unary" };
        if (Transport == Transport.Loopback)
        {
            _emulator = await ClarifaiEmulator.StartAsync();
            await BenchmarkData.TrainModelAsync(_emulator, "unary");
            _wrapper = new ClarifaiClient(BenchmarkData.Options(_emulator, "unary"));
            _rawChannel = GrpcChannel.ForAddress(_emulator.Endpoint);
            _raw = new V2.V2Client(_rawChannel);
            _metadata = new Metadata { { "authorization", "Key " + _emulator.ApiKey } };
        }
        else
        {
            var invoker = new CannedInvoker();
            _wrapper = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "bench-key", UserId = BenchmarkData.UserId, AppId = "unary" }, invoker);
            _raw = new V2.V2Client(invoker);
            _metadata = new Metadata { { "authorization", "Key bench-key" } };
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _wrapper.Dispose();
        _rawChannel?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    /// <summary>What a user of the raw stub writes: build the request, attach metadata, check the status, sort the concepts.</summary>
    [Benchmark(Baseline = true)]
    public async Task<string> RawV2Client()
    {
        var request = new PostModelOutputsRequest { UserAppId = _userAppId, ModelId = "bench" };
        request.Inputs.Add(new Input { Data = new Data { Image = new Image { Base64 = _imageBytes } } });
        var response = await _raw.PostModelOutputsAsync(request, _metadata);
        if (response.Status.Code != StatusCode.Success) throw new InvalidOperationException(response.Status.Description);
        return response.Outputs[0].Data.Concepts.OrderByDescending(c => c.Value).First().Id;
    }

    /// <summary>The same with this library.</summary>
    [Benchmark]
    public async Task<string> Wrapper()
    {
        var prediction = await _wrapper.Predictions.PredictAsync("bench", _image);
        return prediction.Concepts[0].Id;
    }
}
