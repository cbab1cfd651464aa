namespace Clarifai.Cli;

/// <summary>
/// What the command's exit code says, so scripts can tell all, some and none apart, and each kind of failure from the
/// others (sysexits.h where one fits, the shells' 128 + signal for signals). <see cref="CliFailures"/> is the one place
/// that maps an exception to one of these.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>Some items succeeded, some did not (an upload with failures).</summary>
    public const int Partial = 1;

    /// <summary>Nothing succeeded, or Clarifai refused the call.</summary>
    public const int Failed = 2;

    /// <summary>The command line or the configuration is wrong (missing key, bad option, a checkpoint of another app).</summary>
    public const int Usage = 64;

    /// <summary>The data is wrong: a row of a CSV or JSON Lines source, or a file of a folder, cannot be an input (EX_DATAERR).</summary>
    public const int BadData = 65;

    /// <summary>A service the command needs is unavailable: the Redis given with <c>--redis</c> (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>A bug: an exception no rule names (EX_SOFTWARE). The message names its type.</summary>
    public const int Internal = 70;

    /// <summary>The output cannot be written: standard output is full or closed (EX_IOERR).</summary>
    public const int OutputFailed = 74;

    /// <summary>The checkpoint store failed (a broken or read-only file, Redis gone or refusing writes); fix it and resume (EX_TEMPFAIL).</summary>
    public const int CheckpointFailed = 75;

    /// <summary>Interrupted (SIGINT, Ctrl+C): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated (SIGTERM, e.g. a pod stopped): 128 + 15.</summary>
    public const int Terminated = 143;
}
