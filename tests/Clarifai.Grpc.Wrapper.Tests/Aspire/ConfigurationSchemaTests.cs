using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Clarifai.Aspire.Client;
using Clarifai.Grpc.Wrapper.Tests.Support;

namespace Clarifai.Grpc.Wrapper.Tests.Aspire;

/// <summary>
/// The JSON schema Clarifai.Aspire.Client ships for <c>appsettings*.json</c> (as Aspire's client integrations do, so
/// that editors complete and check the <c>Aspire:Clarifai:Client</c> section): every setting the integration reads —
/// its own settings and every client option the binder binds — with its JSON type and its XML documentation. Written
/// from the code's shape here and compared with the committed file; after an intended change, copy the
/// <c>.received.json</c> this test writes over it.
/// </summary>
[TestFixture]
public sealed partial class ConfigurationSchemaTests
{
    [Test]
    public void TheConfigurationSchema_DescribesEverySettingTheIntegrationReads()
    {
        var schema = Schema().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        var committedPath = RepositoryLayout.PathOf("src", "Clarifai.Aspire.Client", "ConfigurationSchema.json");
        var committed = File.Exists(committedPath) ? File.ReadAllText(committedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (schema == committed) return;

        var received = RepositoryLayout.PathOf("src", "Clarifai.Aspire.Client", "ConfigurationSchema.received.json");
        File.WriteAllText(received, schema);
        Assert.Fail($"ConfigurationSchema.json does not describe the settings the integration reads. Review {received}; if right, copy it over ConfigurationSchema.json.");
    }

    private static JsonObject Schema()
    {
        var docs = Documentation(typeof(ClarifaiClientSettings), typeof(ClarifaiClientOptions));
        var client = new JsonObject();
        foreach (var (path, property) in ConfigurationShape.SettingsOf(typeof(ClarifaiClientSettings)).Concat(ConfigurationShape.SettingsOf(typeof(ClarifaiClientOptions))))
        {
            var parent = client;
            var parts = path.Split(':');
            var owner = typeof(ClarifaiClientOptions);
            foreach (var part in parts[..^1])
            {
                var group = owner.GetProperty(part)!;
                parent = Properties(parent, part, docs.GetValueOrDefault(Key(group)));
                owner = group.PropertyType;
            }

            parent[parts[^1]] = Leaf(property, docs.GetValueOrDefault(Key(property)));
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["Aspire"] = Group(new JsonObject
                {
                    ["Clarifai"] = Group(new JsonObject
                    {
                        ["Client"] = Group(client, "The Clarifai client integration's settings (Clarifai.Aspire.Client), and the client's options. A keyed client reads Aspire:Clarifai:Client:{name} over these."),
                    }),
                }),
            },
        };
    }

    private static JsonObject Properties(JsonObject parent, string name, string? description)
    {
        if (parent[name] is not JsonObject group)
        {
            group = Group(new JsonObject(), description);
            parent[name] = group;
        }

        return (JsonObject)group["properties"]!;
    }

    private static JsonObject Group(JsonObject properties, string? description = null)
    {
        var group = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (description is not null) group["description"] = description;
        return group;
    }

    private static JsonObject Leaf(PropertyInfo property, string? description)
    {
        var type = property.PropertyType;
        var leaf = new JsonObject
        {
            ["type"] = type == typeof(bool) ? "boolean" : type == typeof(int) ? "integer" : type == typeof(double) ? "number" : "string",
        };
        if (type == typeof(TimeSpan)) leaf["pattern"] = @"^-?(\d+\.)?\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,7})?)?$";
        if (type == typeof(Uri)) leaf["format"] = "uri";
        leaf["description"] = description ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} has no XML documentation.");
        return leaf;
    }

    private static string Key(PropertyInfo property) => $"P:{property.DeclaringType!.FullName}.{property.Name}";

    /// <summary>The summaries of the assemblies' XML documentation, as plain sentences.</summary>
    private static Dictionary<string, string> Documentation(params Type[] anchors)
    {
        var summaries = new Dictionary<string, string>();
        foreach (var assembly in anchors.Select(t => t.Assembly).Distinct())
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                if (member.Element("summary") is not { } summary) continue;
                var text = string.Concat(summary.Nodes().Select(Plain));
                summaries[(string)member.Attribute("name")!] = Whitespace().Replace(text, " ").Trim();
            }
        }

        return summaries;

        static string Plain(XNode node) => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" } see => (string?)see.Attribute("langword") ?? ((string?)see.Attribute("cref"))?.Split('.', ':')[^1] ?? see.Value,
            XElement element => string.Concat(element.Nodes().Select(Plain)),
            _ => string.Empty,
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
