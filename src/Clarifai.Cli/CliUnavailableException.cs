namespace Clarifai.Cli;

/// <summary>A service the command needs cannot be reached (the Redis of <c>--redis</c>): <see cref="ExitCodes.Unavailable"/>. The message names it without secrets.</summary>
internal sealed class CliUnavailableException(string message, Exception inner) : Exception(message, inner);
