using Clarifai.Api;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Every REST binding of the V2 service, generated from the protos' <c>google.api.http</c> annotations (the primary
/// rule and its <c>additional_bindings</c>), for the unary RPCs. Matching tries the most specific template first.
/// </summary>
internal sealed class RestRouteTable
{
    private readonly IReadOnlyList<RestRoute> _routes;

    public RestRouteTable()
    {
        var routes = new List<RestRoute>();
        foreach (var method in V2.Descriptor.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming))
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule) continue;
            foreach (var binding in new[] { rule }.Concat(rule.AdditionalBindings)) Add(routes, binding, method);
        }

        _routes = routes.OrderByDescending(r => r.Specificity).ToList();
    }

    public IReadOnlyList<RestRoute> Routes => _routes;

    /// <summary>The route for a request, with its path variables; or <see langword="null"/> when none matches.</summary>
    public (RestRoute Route, Dictionary<string, string> Variables)? Find(string verb, string path)
    {
        foreach (var route in _routes)
        {
            if (!string.Equals(route.Verb, verb, StringComparison.OrdinalIgnoreCase)) continue;
            if (route.Match(path) is { } variables) return (route, variables);
        }

        return null;
    }

    private static void Add(List<RestRoute> routes, HttpRule rule, MethodDescriptor method)
    {
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
            HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
            HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
            HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
            HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
            _ => (string.Empty, string.Empty),
        };
        if (verb.Length > 0 && RestRoute.IsSupported(template)) routes.Add(new RestRoute(verb, template, rule.Body, method));
    }
}
