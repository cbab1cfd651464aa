namespace Clarifai.Cli;

/// <summary>Standard output could not be written (full, closed): the command ends with <see cref="ExitCodes.OutputFailed"/>.</summary>
internal sealed class CliOutputException(string message, Exception inner) : IOException(message, inner);
