namespace Clarifai.Grpc.Emulator;

/// <summary>
/// One processed input as the trainer sees it: its features and, per concept of the model it counts for, its label
/// (1 positive, 0 negative). A concept it does not count for is absent.
/// </summary>
internal sealed record LabelledExample(string InputId, float[] Features, IReadOnlyDictionary<string, double> Labels);
