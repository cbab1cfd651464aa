using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clarifai.Grpc.Wrapper.Tests.Docs;

/// <summary>
/// The examples of docs/testing.md marked <c>&lt;!-- compiled --&gt;</c>, compiled as a user's program would be — .NET's
/// implicit usings on, our packages, Moq — and run; so a doc example that stops compiling, or stops doing what its
/// comment says, fails here. Also shows that the <c>Task</c> alias the docs prescribe is needed.
/// </summary>
[TestFixture]
[NonParallelizable] // the examples write to the console, which the test captures
public sealed class DocExamplesTests
{
    /// <summary>What each compiled example of docs/testing.md prints, in order.</summary>
    private static readonly string[] ExpectedOutput = ["charlie", "1 model; All; Trained", "charlie", "Once upon a time"];

    /// <summary>The SDK's implicit usings for a console project, which put System.Threading.Tasks.Task in scope.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    [Test]
    public async Task EveryCompiledExampleOfTheTestingPage_CompilesAndPrintsWhatItSays()
    {
        var examples = CompiledExamples("testing.md");
        Assert.That(examples, Has.Count.EqualTo(ExpectedOutput.Length), "the page's compiled examples (a marker lost would hide an example)");

        for (var i = 0; i < examples.Count; i++)
        {
            var (assembly, errors) = Compile(examples[i]);
            Assert.That(errors, Is.Empty, $"example {i + 1} of docs/testing.md does not compile");
            var output = await RunAsync(assembly!);
            Assert.That(output, Does.Contain(ExpectedOutput[i]), $"example {i + 1} of docs/testing.md printed something else");
        }
    }

    [Test]
    public void WithoutTheTaskAlias_AnExampleUsingClarifaiApi_DoesNotCompile()
    {
        var example = CompiledExamples("testing.md").First(e => e.Contains("using Clarifai.Api;", StringComparison.Ordinal) && e.Contains("using Task =", StringComparison.Ordinal));
        var withoutAlias = string.Join('\n', example.Split('\n').Where(line => !line.StartsWith("using Task =", StringComparison.Ordinal)));

        var (_, errors) = Compile(withoutAlias);

        Assert.That(errors, Has.Some.StartsWith("CS0104"), "Task would be ambiguous between Clarifai.Api.Task and System.Threading.Tasks.Task");
    }

    private static List<string> CompiledExamples(string page)
    {
        var lines = File.ReadAllLines(RepositoryLayout.PathOf("docs", page));
        var examples = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "<!-- compiled -->") continue;
            var start = Array.FindIndex(lines, i + 1, l => l.Trim() == "```csharp") + 1;
            var end = Array.FindIndex(lines, start, l => l.Trim() == "```");
            examples.Add(string.Join('\n', lines[start..end]));
        }

        return examples;
    }

    private static (Assembly? Assembly, List<string> Errors) Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "DocExample" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(source)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        return (result.Success ? Assembly.Load(image.ToArray()) : null, errors);
    }

    private static async Task<string> RunAsync(Assembly program)
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var result = program.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task) await task;
        }
        finally
        {
            Console.SetOut(original);
        }

        return output.ToString();
    }

    /// <summary>The runtime's assemblies and everything this test project loads: what a user's project would reference.</summary>
    private static List<MetadataReference> References()
    {
        Type[] anchors = [typeof(ClarifaiClient), typeof(Clarifai.Api.V2), typeof(global::Grpc.Core.CallInvoker), typeof(Google.Protobuf.IMessage), typeof(Moq.Mock)];
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(anchors.Select(t => t.Assembly.Location))
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location))
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
