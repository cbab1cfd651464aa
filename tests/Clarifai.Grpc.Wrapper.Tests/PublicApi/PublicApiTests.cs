using System.Reflection;
using PublicApiGenerator;

namespace Clarifai.Grpc.Wrapper.Tests.PublicApi;

/// <summary>
/// The public surface of each package, checked against an approved baseline, so that every public change is visible
/// in review. After an intended change, copy the <c>.received.txt</c> this test writes over the <c>.approved.txt</c>.
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [TestCase(typeof(ClarifaiClient), "Clarifai.Grpc.Wrapper")]
    [TestCase(typeof(ClarifaiChatClient), "Clarifai.Grpc.Wrapper.AI")]
    [TestCase(typeof(SqliteUploadCheckpoint), "Clarifai.Grpc.Wrapper.Sqlite")]
    [TestCase(typeof(RedisRateLimiter), "Clarifai.Grpc.Wrapper.Redis")]
    [TestCase(typeof(Clarifai.Aspire.Client.ClarifaiClientSettings), "Clarifai.Aspire.Client")]
    [TestCase(typeof(global::Aspire.Hosting.ApplicationModel.ClarifaiResource), "Clarifai.Aspire.Hosting")]
    public void ThePublicApi_IsTheApprovedOne(Type anchor, string package)
    {
        var api = Normalize(anchor.Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Aspire.Hosting"], // our AddClarifai… extensions and app-model resources live there, by convention
            // Compiler bookkeeping (state machine names change with any edit of a method body), not API.
            ExcludeAttributes = ["System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute", "System.Runtime.CompilerServices.AsyncStateMachineAttribute", "System.Runtime.CompilerServices.IteratorStateMachineAttribute"],
        }));
        var approvedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi", package + ".approved.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        if (api == approved) return;

        var received = RepositoryLayout.PathOf("tests", "Clarifai.Grpc.Wrapper.Tests", "PublicApi", package + ".received.txt");
        File.WriteAllText(received, api);
        var apiLines = api.Split('\n');
        var approvedLines = approved.Split('\n');
        var first = Enumerable.Range(0, Math.Max(apiLines.Length, approvedLines.Length))
            .First(i => i >= apiLines.Length || i >= approvedLines.Length || apiLines[i] != approvedLines[i]);
        Assert.Fail($"The public API of {package} changed (first difference at line {first + 1}: approved '{Line(approvedLines, first)}', now '{Line(apiLines, first)}'). " +
            $"Review it; if intended, copy {received} over {package}.approved.txt.");
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end)";

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
}
