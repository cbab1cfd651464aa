namespace Clarifai.Grpc.Emulator;

/// <summary>What a method call may use besides its arguments: the image fetcher and the call's cancellation.</summary>
internal sealed record MethodContext(ImageFetcher Fetcher, CancellationToken CancellationToken);
