namespace Clarifai.Cli.Sources;

/// <summary>A row of a CSV or JSON Lines source that cannot become an input; the message names the file and line.</summary>
internal sealed class SourceRowException : Exception
{
    public SourceRowException(string file, long line, string problem, Exception? inner = null)
        : base($"{Path.GetFileName(file)}:{line}: {problem}", inner)
    {
    }
}
