using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// One REST binding of an RPC, read from its <c>google.api.http</c> annotation: the verb, the path template
/// (<c>/v2/users/{user_app_id.user_id}/apps/{user_app_id.app_id}/models/{model_id}/outputs</c>) and which part of the
/// request the body is (<c>*</c> for all of it, a field name, or none).
/// </summary>
internal sealed class RestRoute
{
    private readonly string[] _segments;

    public RestRoute(string verb, string template, string body, MethodDescriptor method)
    {
        Verb = verb;
        Template = template;
        Body = body;
        Method = method;
        _segments = template.Trim('/').Split('/');
    }

    public string Verb { get; }

    public string Template { get; }

    /// <summary><c>*</c>: the whole request; a field name: that field; empty: no body (query parameters).</summary>
    public string Body { get; }

    public MethodDescriptor Method { get; }

    /// <summary>Whether a template uses forms this gateway does not serve (<c>{name=a/*}</c>, <c>**</c>).</summary>
    public static bool IsSupported(string template) => !template.Contains('=', StringComparison.Ordinal) && !template.Contains("**", StringComparison.Ordinal) && !template.Contains(':', StringComparison.Ordinal);

    /// <summary>The path's variables (field path → value) when <paramref name="path"/> matches, else <see langword="null"/>.</summary>
    public Dictionary<string, string>? Match(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length != _segments.Length) return null;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                if (parts[i].Length == 0) return null;
                variables[segment[1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
            else if (!string.Equals(segment, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return variables;
    }

    /// <summary>How specific the template is: more literal segments first, so <c>/models/{id}/versions</c> wins over <c>/models/{id}/{x}</c>-like forms.</summary>
    public int Specificity => _segments.Count(s => !s.StartsWith('{'));

    public override string ToString() => $"{Verb} {Template} → {Method.Name}";
}
