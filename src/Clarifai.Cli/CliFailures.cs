using Clarifai.Grpc.Wrapper;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace Clarifai.Cli;

/// <summary>
/// The one rule from an exception to an exit code (<see cref="ExitCodes"/>) and a one-line message: every command ends
/// through it, so the tool never ends with a .NET stack trace, and every message is scrubbed of the secrets the command
/// was given (<see cref="CliSecrets"/>).
/// </summary>
internal static class CliFailures
{
    /// <summary>The exit code and the message for <paramref name="failure"/>.</summary>
    /// <param name="failure">What the command threw.</param>
    /// <param name="cancelledCode">
    /// The exit code of a cancellation — <see cref="ExitCodes.Cancelled"/> or <see cref="ExitCodes.Terminated"/>, by the
    /// signal — or <see langword="null"/> when the command was not cancelled (then a cancellation exception is a bug).
    /// </param>
    /// <param name="secrets">What to scrub from the message.</param>
    public static (int ExitCode, string Message) Describe(Exception failure, int? cancelledCode, CliSecrets secrets)
    {
        var (code, message) = failure switch
        {
            UploadSourceException => (ExitCodes.BadData, failure.Message),
            UploadCheckpointScopeException => (ExitCodes.Usage, failure.Message),
            UploadCheckpointException => (ExitCodes.CheckpointFailed, failure.Message),
            CliOutputException => (ExitCodes.OutputFailed, failure.Message),
            ClarifaiException => (ExitCodes.Failed, failure.Message),
            OperationCanceledException when cancelledCode is { } signal => (signal, signal == ExitCodes.Terminated ? "Terminated." : "Cancelled."),
            CliUnavailableException => (ExitCodes.Unavailable, failure.Message),
            RedisException => (ExitCodes.Unavailable, $"Redis: {CliMessages.Of(failure)}"),
            SqliteException => (ExitCodes.CheckpointFailed, $"SQLite: {CliMessages.Of(failure)}"),
            ArgumentException or FormatException => (ExitCodes.Usage, CliMessages.Of(failure)),
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.BadData, CliMessages.Of(failure)),
            _ => (ExitCodes.Internal, $"Internal error ({failure.GetType().Name}): {CliMessages.Of(failure)}"),
        };
        return (code, secrets.Scrub(message.ReplaceLineEndings(" ").Trim()));
    }
}
