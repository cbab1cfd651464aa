using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>One unary request the emulator answered, as <see cref="ClarifaiEmulator.Traffic"/> recorded it.</summary>
/// <param name="Method">The RPC's name, for example <c>PostInputs</c>.</param>
/// <param name="At">When it arrived, by the emulator's <see cref="EmulatorOptions.TimeProvider"/>.</param>
/// <param name="Code">The Clarifai status of the answer, or <see langword="null"/> when the call failed at the gRPC level (an injected Unavailable, a refused key).</param>
public sealed record EmulatorRequest(string Method, DateTimeOffset At, StatusCode? Code);
