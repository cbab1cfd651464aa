namespace Clarifai.Cli;

/// <summary>What the command's exit code says, so scripts can tell all, some and none apart.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>Some items succeeded, some did not (an upload with failures).</summary>
    public const int Partial = 1;

    /// <summary>Nothing succeeded, or Clarifai refused the call.</summary>
    public const int Failed = 2;

    /// <summary>The command line or the configuration is wrong (missing key, bad option).</summary>
    public const int Usage = 64;

    /// <summary>The data is wrong: a row of a CSV or JSON Lines source cannot be read (sysexits' EX_DATAERR).</summary>
    public const int BadData = 65;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
