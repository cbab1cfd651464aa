using System.Text.Json;

namespace Clarifai.Cli;

/// <summary>
/// An exception's message as a user should read it: one line, without .NET's decorations — an argument's
/// <c>(Parameter 'path')</c>, a JSON reader's <c>LineNumber: 0 | BytePositionInLine: 33.</c>.
/// </summary>
internal static class CliMessages
{
    public static string Of(Exception e)
    {
        var message = e switch
        {
            ArgumentException { ParamName: { } name } a => a.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal),
            JsonException j => j.Message.IndexOf(" LineNumber:", StringComparison.Ordinal) is var at and >= 0 ? j.Message[..at] : j.Message,
            _ => e.Message,
        };
        return message.ReplaceLineEndings(" ").Trim();
    }
}
