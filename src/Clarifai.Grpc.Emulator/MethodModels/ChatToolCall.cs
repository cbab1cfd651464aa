namespace Clarifai.Grpc.Emulator;

/// <summary>A tool call the local chat model makes: an id, the function's name and its arguments as JSON text.</summary>
internal sealed record ChatToolCall(string Id, string Name, string ArgumentsJson);
