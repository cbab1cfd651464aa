using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Clarifai.Grpc.Wrapper.AI;

/// <summary>The tool calls of a streamed answer, gathered by index: OpenAI streams a call's arguments in pieces.</summary>
internal sealed class ToolCallPieces
{
    private readonly SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)> _calls = [];

    public void Add(JsonObject piece)
    {
        var index = piece["index"] is JsonValue value && value.TryGetValue<int>(out var i) ? i : _calls.Count;
        if (!_calls.TryGetValue(index, out var call)) call = (string.Empty, string.Empty, new StringBuilder());
        call = ((string?)piece["id"] is { Length: > 0 } id ? id : call.Id, (string?)piece["function"]?["name"] is { Length: > 0 } name ? name : call.Name, call.Arguments);
        call.Arguments.Append((string?)piece["function"]?["arguments"]);
        _calls[index] = call;
    }

    /// <summary>The calls gathered so far, complete; then none until more arrive.</summary>
    public IReadOnlyList<FunctionCallContent> Complete()
    {
        var calls = _calls.Values.Select(c => OpenAiChatAnswers.FunctionCall(c.Id, c.Name, c.Arguments.ToString())).ToList();
        _calls.Clear();
        return calls;
    }
}
