using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Clarifai.Build.MessageAccessors;

/// <summary>
/// Writes <c>Clarifai.Api.Accessors</c> into the Clarifai.Api compilation: for every message type it compiles (and
/// every message type those reach, such as Protobuf's <c>Struct</c> and <c>Value</c>), typed delegates for the members
/// the library reads without knowing the type — <c>Status</c>, <c>UserAppId</c>, <c>ModelId</c>, the repeated fields of
/// messages that carry their own status, and every member that can hold text — and the status codes' proto names in
/// declaration order. The library used reflection (<c>MakeGenericMethod</c>, <c>MetadataToken</c>) for these, which
/// Native AOT cannot run; this is the same knowledge as plain C#.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageAccessorsGenerator : IIncrementalGenerator
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, static (output, compilation) =>
        {
            var imessage = compilation.GetTypeByMetadataName("Google.Protobuf.IMessage");
            var status = compilation.GetTypeByMetadataName("Clarifai.Api.Status.Status");
            var userAppId = compilation.GetTypeByMetadataName("Clarifai.Api.UserAppIDSet");
            var statusCode = compilation.GetTypeByMetadataName("Clarifai.Api.Status.StatusCode");
            if (imessage is null || status is null || userAppId is null || statusCode is null) return;

            var messages = Closure(compilation, imessage);
            output.AddSource("MessageAccessors.g.cs", Render(messages, imessage, status, userAppId, statusCode));
        });

    /// <summary>The compilation's message types, then every message type their members reach, in a stable order.</summary>
    private static List<INamedTypeSymbol> Closure(Compilation compilation, INamedTypeSymbol imessage)
    {
        var found = new List<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<INamedTypeSymbol>(AllTypes(compilation.Assembly.GlobalNamespace).Where(t => IsMessage(t, imessage)));
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            if (!seen.Add(type)) continue;
            found.Add(type);
            foreach (var property in Properties(type))
            {
                foreach (var reached in new[] { property.Type as INamedTypeSymbol, ElementOf(property.Type, "RepeatedField"), ValueOf(property.Type) })
                {
                    if (reached is not null && IsMessage(reached, imessage) && reached.DeclaredAccessibility == Accessibility.Public) pending.Enqueue(reached);
                }
            }
        }

        return [.. found.OrderBy(t => t.ToDisplayString(Qualified), System.StringComparer.Ordinal)];
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var nested in WithNested(type)) yield return nested;
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in AllTypes(child)) yield return type;
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.GetTypeMembers().SelectMany(WithNested));

    private static bool IsMessage(INamedTypeSymbol type, INamedTypeSymbol imessage) =>
        type.TypeKind == TypeKind.Class && !type.IsAbstract && type.AllInterfaces.Contains(imessage, SymbolEqualityComparer.Default);

    /// <summary>The public, readable, non-indexed instance properties: the generated fields (and <c>Descriptor</c>, which is static).</summary>
    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is { DeclaredAccessibility: Accessibility.Public });

    private static bool HasPublicSetter(IPropertySymbol property) => property.SetMethod is { DeclaredAccessibility: Accessibility.Public };

    /// <summary>The element type of <c>Google.Protobuf.Collections.{collection}&lt;T&gt;</c>, else null.</summary>
    private static INamedTypeSymbol? ElementOf(ITypeSymbol type, string collection) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.Name == collection && named.ContainingNamespace.ToDisplayString() == "Google.Protobuf.Collections"
            ? named.TypeArguments[0] as INamedTypeSymbol
            : null;

    /// <summary>The value type of a <c>MapField&lt;K, V&gt;</c>, else null.</summary>
    private static INamedTypeSymbol? ValueOf(ITypeSymbol type) =>
        IsMap(type) ? ((INamedTypeSymbol)type).TypeArguments[1] as INamedTypeSymbol : null;

    private static bool IsMap(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2, Name: "MapField" } named && named.ContainingNamespace.ToDisplayString() == "Google.Protobuf.Collections";

    private static string Render(List<INamedTypeSymbol> messages, INamedTypeSymbol imessage, INamedTypeSymbol status, INamedTypeSymbol userAppId, INamedTypeSymbol statusCode)
    {
        var code = new StringBuilder();
        code.AppendLine("// <auto-generated>Written by build/MessageAccessors from the generated messages; do not edit.</auto-generated>");
        code.AppendLine("#nullable enable");
        code.AppendLine("namespace Clarifai.Api.Accessors");
        code.AppendLine("{");
        code.AppendLine(Support);
        code.AppendLine("    internal static partial class MessageAccessors");
        code.AppendLine("    {");
        code.AppendLine("        private static readonly global::System.Collections.Generic.Dictionary<global::System.Type, MessageAccessor> Table = new(" + messages.Count + ")");
        code.AppendLine("        {");
        foreach (var message in messages) RenderMessage(code, message, imessage, status, userAppId);
        code.AppendLine("        };");
        code.AppendLine();
        code.AppendLine("        /// <summary>Every status code with its proto name, in the proto's declaration order (aliases included).</summary>");
        code.AppendLine("        public static readonly (global::Clarifai.Api.Status.StatusCode Code, string Name)[] StatusCodes =");
        code.AppendLine("        [");
        foreach (var field in statusCode.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            var original = field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "OriginalNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string ?? field.Name;
            code.AppendLine($"            (global::Clarifai.Api.Status.StatusCode.{field.Name}, \"{original}\"),");
        }

        code.AppendLine("        ];");
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    private static void RenderMessage(StringBuilder code, INamedTypeSymbol message, INamedTypeSymbol imessage, INamedTypeSymbol status, INamedTypeSymbol userAppId)
    {
        var name = message.ToDisplayString(Qualified);
        var properties = Properties(message).ToList();
        string Cast(string variable) => $"(({name}){variable})";

        code.AppendLine($"            [typeof({name})] = new MessageAccessor");
        code.AppendLine("            {");
        if (properties.FirstOrDefault(p => p.Name == "Status" && SymbolEqualityComparer.Default.Equals(p.Type, status)) is { } statusProperty)
        {
            code.AppendLine($"                Status = static m => {Cast("m")}.Status,");
            if (HasPublicSetter(statusProperty)) code.AppendLine($"                SetStatus = static (m, v) => {Cast("m")}.Status = v,");
        }

        if (properties.FirstOrDefault(p => p.Name == "UserAppId" && SymbolEqualityComparer.Default.Equals(p.Type, userAppId)) is { } userAppIdProperty)
        {
            code.AppendLine($"                UserAppId = static m => {Cast("m")}.UserAppId,");
            if (HasPublicSetter(userAppIdProperty)) code.AppendLine($"                SetUserAppId = static (m, v) => {Cast("m")}.UserAppId = v,");
        }

        if (properties.Any(p => p.Name == "ModelId" && p.Type.SpecialType == SpecialType.System_String)) code.AppendLine($"                ModelId = static m => {Cast("m")}.ModelId,");

        // Repeated messages that carry a status of their own (outputs, inputs): the items of a batch.
        var items = properties.Where(p => ElementOf(p.Type, "RepeatedField") is { } element && IsMessage(element, imessage)
            && Properties(element).Any(e => e.Name == "Status" && SymbolEqualityComparer.Default.Equals(e.Type, status))).ToList();
        if (items.Count > 0) code.AppendLine($"                StatusItemCount = static m => {string.Join(" + ", items.Select(p => $"{Cast("m")}.{p.Name}.Count"))},");

        code.AppendLine("                TextMembers = static () =>");
        code.AppendLine("                [");
        foreach (var property in properties)
        {
            var type = property.Type;
            var element = ElementOf(type, "RepeatedField");
            var kind =
                type.SpecialType == SpecialType.System_String ? "Text"
                : type is INamedTypeSymbol named && IsMessage(named, imessage) ? "Message"
                : IsMap(type) ? "Map"
                : element is not null && (element.SpecialType == SpecialType.System_String || IsMessage(element, imessage)) ? "List"
                : null;
            if (kind is null) continue;
            var setter = kind == "Text" && HasPublicSetter(property) ? $"static (m, v) => {Cast("m")}.{property.Name} = v" : "null";
            code.AppendLine($"                    new(\"{property.Name}\", TextMemberKind.{kind}, static m => {Cast("m")}.{property.Name}, {setter}),");
        }

        code.AppendLine("                ],");
        code.AppendLine("            },");
    }

    /// <summary>The types the table is made of, written once beside it.</summary>
    private const string Support = """
            /// <summary>What a member of a message holds that can hold text below it.</summary>
            internal enum TextMemberKind
            {
                /// <summary>A string.</summary>
                Text,

                /// <summary>A message.</summary>
                Message,

                /// <summary>A repeated field of strings or messages.</summary>
                List,

                /// <summary>A map.</summary>
                Map,
            }

            /// <summary>A member of a message that can hold a string below it.</summary>
            internal sealed class TextMember
            {
                public TextMember(string name, TextMemberKind kind, global::System.Func<object, object?> get, global::System.Action<object, string>? setText)
                {
                    Name = name;
                    Kind = kind;
                    Get = get;
                    SetText = setText;
                }

                /// <summary>The generated property's name.</summary>
                public string Name { get; }

                /// <summary>What it holds.</summary>
                public TextMemberKind Kind { get; }

                /// <summary>Reads it from a message of its type.</summary>
                public global::System.Func<object, object?> Get { get; }

                /// <summary>Writes it, for <see cref="TextMemberKind.Text"/> members.</summary>
                public global::System.Action<object, string>? SetText { get; }
            }

            /// <summary>The typed accessors of one message type; a member the type lacks is null.</summary>
            internal sealed class MessageAccessor
            {
                public global::System.Func<object, global::Clarifai.Api.Status.Status?>? Status { get; init; }

                public global::System.Action<object, global::Clarifai.Api.Status.Status?>? SetStatus { get; init; }

                public global::System.Func<object, global::Clarifai.Api.UserAppIDSet?>? UserAppId { get; init; }

                public global::System.Action<object, global::Clarifai.Api.UserAppIDSet?>? SetUserAppId { get; init; }

                public global::System.Func<object, string>? ModelId { get; init; }

                /// <summary>The number of items with a status of their own (the elements of its repeated fields of such messages).</summary>
                public global::System.Func<object, int>? StatusItemCount { get; init; }

                /// <summary>Makes the members that can hold text (made on demand: only redaction walks them).</summary>
                public global::System.Func<TextMember[]> TextMembers { get; init; } = static () => [];
            }

            /// <summary>The accessors of every message type of the API and of the message types it reaches.</summary>
            internal static partial class MessageAccessors
            {
                /// <summary>The accessors of a message type, or null for a type that is not one of them.</summary>
                public static MessageAccessor? For(global::System.Type type) => Table.TryGetValue(type, out var accessor) ? accessor : null;

                /// <summary>Every message type in the table.</summary>
                public static global::System.Collections.Generic.IEnumerable<global::System.Type> Types => Table.Keys;
            }
        """;
}
