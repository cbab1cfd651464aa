using System.Text;
using Clarifai.Cli;
using Microsoft.Data.Sqlite;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>The tool's one rule from an exception to an exit code and a one-line message, and the output that cannot be written.</summary>
[TestFixture]
public sealed class CliFailuresTests
{
    private static readonly CliSecrets Secrets = new();

    static CliFailuresTests() => Secrets.Add("the-secret-key");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new UploadSourceException("inputs.csv:3", "bad row.", null), 65, "inputs.csv:3: bad row.");
        yield return new TestCaseData(new UploadCheckpointScopeException("'a.db'", new("users/u/apps/a", null), new("users/u/apps/b", null)), 64, null);
        yield return new TestCaseData(new UploadCheckpointException("The checkpoint 'a.db' failed."), 75, "The checkpoint 'a.db' failed.");
        yield return new TestCaseData(new CliOutputException("The output cannot be written: full.", new IOException()), 74, "The output cannot be written: full.");
        yield return new TestCaseData(new CliUnavailableException("--redis: r:6379 cannot be reached (UnableToConnect).", new IOException()), 69, null);
        yield return new TestCaseData(new SqliteException("SQLite Error 26: 'file is not a database'.", 26), 75, null);
        yield return new TestCaseData(new ArgumentException("The id is bad.", "path"), 64, "The id is bad.");
        yield return new TestCaseData(new FileNotFoundException("Could not find file '/x'."), 65, "Could not find file '/x'.");
        yield return new TestCaseData(new InvalidOperationException("boom with the-secret-key\nsecond line"), 70, "Internal error (InvalidOperationException): boom with *** second line");
        yield return new TestCaseData(new OperationCanceledException(), 70, "Internal error (OperationCanceledException): The operation was canceled.");
    }

    [TestCaseSource(nameof(Cases))]
    public void EachFailure_HasItsExitCode_AndOneCleanLine(Exception failure, int exitCode, string? message)
    {
        var (code, line) = CliFailures.Describe(failure, cancelledCode: null, Secrets);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(exitCode));
            if (message is not null) Assert.That(line, Is.EqualTo(message));
            Assert.That(line, Does.Not.Contain("\n").And.Not.Contain("(Parameter").And.Not.Contain("the-secret-key"));
        });
    }

    [Test]
    public void ACancellation_ExitsWithTheSignalsCode()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CliFailures.Describe(new OperationCanceledException(), ExitCodes.Cancelled, Secrets), Is.EqualTo((130, "Cancelled.")));
            Assert.That(CliFailures.Describe(new UploadCanceledException(), ExitCodes.Terminated, Secrets), Is.EqualTo((143, "Terminated.")));
        });
    }

    [Test]
    public async Task AnOutputThatFails_EndsTheCommandWith74_AndOneLineOnStandardError()
    {
        using var error = new StringWriter();

        var exit = await ClarifaiCli.RunAsync(["models", "list", "--help"], new FullWriter(), error, _ => null, interactive: false, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(74));
            Assert.That(error.ToString().Trim(), Is.EqualTo("The output cannot be written: No space left on device"));
        });
    }

    /// <summary>A writer like standard output redirected to <c>/dev/full</c>.</summary>
    private sealed class FullWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }
}
