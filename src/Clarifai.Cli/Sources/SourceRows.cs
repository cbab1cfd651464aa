using Clarifai.Grpc.Wrapper;

namespace Clarifai.Cli.Sources;

/// <summary>How a row of a CSV or JSON Lines file is named in messages: <c>inputs.csv:12</c>.</summary>
internal static class SourceRows
{
    /// <summary>The error for the row at <paramref name="line"/> of <paramref name="file"/>.</summary>
    public static UploadSourceException Error(string file, long line, string problem, Exception? inner = null) =>
        new(Location(file, line), problem, inner);

    /// <summary><c>name:line</c>, the file by its name as the user knows it.</summary>
    public static string Location(string file, long line) => $"{Path.GetFileName(file)}:{line}";
}
