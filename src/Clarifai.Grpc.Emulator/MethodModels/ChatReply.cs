namespace Clarifai.Grpc.Emulator;

/// <summary>What the local chat model answers: a text, or tool calls; token counts; why it stopped.</summary>
internal sealed record ChatReply(string Text, IReadOnlyList<ChatToolCall> ToolCalls, uint PromptTokens, uint CompletionTokens, string FinishReason);
