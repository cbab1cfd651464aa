namespace Clarifai.Grpc.Emulator;

/// <summary>One result of a model method (a unary method's answer, or one yielded value), with token counts.</summary>
internal sealed record MethodOutput(object? Value, uint PromptTokens = 0, uint CompletionTokens = 0);
