using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>An input read from a source, with where it came from (<c>inputs.csv:12</c>, <c>photos/cats/3.png</c>) for messages.</summary>
internal readonly record struct SourceInput(NewInput Input, string Origin);
