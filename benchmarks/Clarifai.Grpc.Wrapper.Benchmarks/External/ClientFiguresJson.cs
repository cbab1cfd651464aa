using System.Text.Json.Serialization;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>The JSON contract of <see cref="ClientFigures"/>, source-generated so that a native client writes it too.</summary>
[JsonSerializable(typeof(ClientFigures))]
internal sealed partial class ClientFiguresJson : JsonSerializerContext;
