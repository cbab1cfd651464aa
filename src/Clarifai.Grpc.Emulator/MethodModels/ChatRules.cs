using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The local chat model's deterministic rules (docs/local-server.md), so that tests assert what arrived and what a
/// tool loop does — never canned answers to anyone's questions:
/// <list type="number">
/// <item>After tool results (the last messages have role <c>tool</c>): "The result of NAME is CONTENT." per result.</item>
/// <item>With tools (and <c>tool_choice</c> not <c>none</c>): it calls the tool <c>tool_choice</c> names, else the
/// first tool the last user message names — its name, or all the words of its name (<c>GetSecretNumber</c>: "secret"
/// and "number"; a leading get/set/find and connectors such as by/for/of are not needed) — else, with <c>required</c>, the first tool. Each argument is
/// <c>name=value</c>, <c>name: value</c> or <c>name value</c> from the message; the parameters left take, in order, the
/// message's numbers (number parameters) and quoted texts (string parameters).</item>
/// <item>With a JSON schema response format: a JSON value of that schema — each string property from
/// <c>name=value</c>/<c>name: value</c> in the message, else the message's text; numbers from the same or 0; booleans
/// false; arrays empty; enums their first value; nested objects likewise. <c>json_object</c>: <c>{"echo": TEXT}</c>.</item>
/// <item>Otherwise: <c>"[system: S] "</c> when there is a system or developer message, then <c>"Echo: "</c> and the last
/// user message, cut at <c>max_tokens</c> words (finish reason <c>length</c>).</item>
/// </list>
/// Tokens: one per word, the prompt's over every message, the completion's over the answer.
/// </summary>
internal static partial class ChatRules
{
    private static readonly string[] Verbs = ["get", "set", "find", "fetch", "lookup", "look"];

    /// <summary>Words of a tool's name a message need not repeat.</summary>
    private static readonly string[] Connectors = ["by", "for", "of", "the", "a", "an", "to", "in", "on", "with", "from", "and"];

    public static ChatReply Answer(ChatRequest request)
    {
        var prompt = (uint)request.Messages.Sum(m => Words(ChatRequest.TextOf(m)).Length);
        var lastUser = request.Messages.LastOrDefault(m => ChatRequest.RoleOf(m) == "user") is { } user ? ChatRequest.TextOf(user) : string.Empty;

        var results = request.Messages.Reverse().TakeWhile(m => ChatRequest.RoleOf(m) == "tool").Reverse().ToList();
        if (results.Count > 0)
        {
            var text = string.Join(" ", results.Select(r => $"The result of {ToolNameOf(request.Messages, r)} is {ChatRequest.TextOf(r)}."));
            return Text(text, prompt, request.MaxTokens);
        }

        if (ToolToCall(request, lastUser) is { } tool)
        {
            var arguments = ArgumentsFor(tool, lastUser);
            var call = new ChatToolCall("call_" + Math.Abs(StableHash((string?)tool["function"]?["name"] + lastUser)).ToString(CultureInfo.InvariantCulture), (string)tool["function"]!["name"]!, arguments.ToJsonString());
            return new ChatReply(string.Empty, [call], prompt, 1, "tool_calls");
        }

        if (request.ResponseFormat is JsonObject format)
        {
            switch ((string?)format["type"])
            {
                case "json_schema":
                    var schema = format["json_schema"]?["schema"] as JsonObject ?? new JsonObject();
                    return Text(Instance(schema, lastUser)?.ToJsonString() ?? "null", prompt, maxTokens: 0);
                case "json_object":
                    return Text(new JsonObject { ["echo"] = lastUser }.ToJsonString(), prompt, maxTokens: 0);
            }
        }

        var system = request.Messages.FirstOrDefault(m => ChatRequest.RoleOf(m) is "system" or "developer") is { } s ? $"[system: {ChatRequest.TextOf(s)}] " : string.Empty;
        return Text(system + "Echo: " + lastUser, prompt, request.MaxTokens);
    }

    public static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static ChatReply Text(string text, uint prompt, long maxTokens)
    {
        var words = Words(text);
        if (maxTokens >= 1 && words.Length > maxTokens)
        {
            return new ChatReply(string.Join(" ", words.Take((int)Math.Min(maxTokens, int.MaxValue))), [], prompt, (uint)maxTokens, "length");
        }

        return new ChatReply(text, [], prompt, (uint)words.Length, "stop");
    }

    private static JsonObject? ToolToCall(ChatRequest request, string lastUser)
    {
        if (request.Tools is not { Count: > 0 } tools) return null;
        var functions = tools.OfType<JsonObject>().Where(t => t["function"]?["name"] is JsonValue).ToList();
        switch (request.ToolChoice)
        {
            case JsonValue choice when choice.GetValueKind() == JsonValueKind.String && choice.GetValue<string>() == "none":
                return null;
            case JsonObject named when FunctionNameOf(named) is { } name:
                return functions.FirstOrDefault(f => FunctionNameOf(f) == name);
        }

        var words = new HashSet<string>(Words(Regex.Replace(lastUser.ToLowerInvariant(), "[^a-z0-9_ ]", " ")), StringComparer.Ordinal);
        var lower = lastUser.ToLowerInvariant();
        foreach (var function in functions)
        {
            var name = (string)function["function"]!["name"]!;
            if (lower.Contains(name.ToLowerInvariant(), StringComparison.Ordinal)) return function;
            var nameWords = NameWords(name);
            var needed = (nameWords.Length > 1 && Verbs.Contains(nameWords[0]) ? nameWords[1..] : nameWords).Where(w => !Connectors.Contains(w)).ToArray();
            if (needed.Length > 0 && needed.All(words.Contains)) return function;
        }

        return request.ToolChoice is JsonValue required && required.GetValueKind() == JsonValueKind.String && required.GetValue<string>() == "required" ? functions.FirstOrDefault() : null;
    }

    private static string? FunctionNameOf(JsonObject tool) => tool["function"] is JsonObject function ? (string?)function["name"] : null;

    private static JsonObject ArgumentsFor(JsonObject tool, string text)
    {
        var arguments = new JsonObject();
        var properties = tool["function"]?["parameters"]?["properties"] as JsonObject;
        if (properties is null) return arguments;
        foreach (var (name, schema) in properties)
        {
            if (Named(text, name) is { } value) arguments[name] = Typed(schema as JsonObject, value);
        }

        // What is not named: number parameters take the message's numbers in order, string parameters its quoted texts in order.
        var numbers = new Queue<string>(NumberPattern().Matches(text).Select(m => m.Value));
        var quoted = new Queue<string>(QuotedPattern().Matches(text).Select(m => m.Groups[1].Value));
        foreach (var (name, schema) in properties)
        {
            if (arguments.ContainsKey(name)) continue;
            var type = (string?)schema?["type"];
            if (type is "number" or "integer" && numbers.TryDequeue(out var number)) arguments[name] = Typed(schema as JsonObject, number);
            else if (type is "string" && quoted.TryDequeue(out var value)) arguments[name] = value;
        }

        return arguments;
    }

    private static JsonNode? Instance(JsonObject schema, string text, string? name = null)
    {
        if (schema["enum"] is JsonArray options && options.Count > 0) return options[0]?.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            var t => (string?)t,
        };
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (property, inner) in properties) result[property] = Instance(inner as JsonObject ?? new JsonObject(), text, property);
                }

                return result;
            case "array":
                return new JsonArray();
            case "boolean":
                return false;
            case "integer":
            case "number":
                return name is not null && Named(text, name) is { } number && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? (type == "integer" ? JsonValue.Create((long)parsed) : JsonValue.Create(parsed))
                    : JsonValue.Create(0);
            case "null":
                return null;
            default:
                return name is not null && Named(text, name) is { } value ? value : text;
        }
    }

    private static JsonNode? Typed(JsonObject? schema, string value) => (string?)schema?["type"] switch
    {
        "integer" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => integer,
        "number" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        "boolean" when bool.TryParse(value, out var flag) => flag,
        _ => value,
    };

    /// <summary><c>name=value</c>, <c>name: value</c> or <c>name value</c> in the text (a quoted value may hold spaces).</summary>
    private static string? Named(string text, string name)
    {
        var match = Regex.Match(text, $@"\b{Regex.Escape(name)}(?:\s*[=:]\s*|\s+)(?:""([^""]*)""|'([^']*)'|([^\s,;]+))", RegexOptions.IgnoreCase);
        if (!match.Success) return null;
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value.TrimEnd('.', '?', '!');
    }

    private static string[] NameWords(string name) =>
        Words(Regex.Replace(Regex.Replace(name, "([a-z0-9])([A-Z])", "$1 $2"), "[_-]", " ").ToLowerInvariant());

    private static string ToolNameOf(IReadOnlyList<JsonObject> messages, JsonObject result)
    {
        var id = (string?)result["tool_call_id"];
        foreach (var message in messages)
        {
            if (message["tool_calls"] is not JsonArray calls) continue;
            foreach (var call in calls.OfType<JsonObject>())
            {
                if ((string?)call["id"] == id) return (string?)call["function"]?["name"] ?? "the tool";
            }
        }

        return (string?)result["name"] ?? "the tool";
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked((hash * 31) + c);
        return hash == int.MinValue ? 0 : hash;
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex QuotedPattern();
}
