namespace Clarifai.Grpc.Emulator;

/// <summary>
/// A method call Clarifai's runtime would fail (a missing argument, an unknown method, the model's own error): answered,
/// as the runtime answers any exception, with FAILURE 10020 and the message in <c>details</c>.
/// </summary>
internal sealed class RuntimeFailure(string message) : Exception(message);
