using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>One sampled frame of a video prediction: its number, its time, and its concepts (highest first).</summary>
/// <param name="Number">The frame's number in the sampling.</param>
/// <param name="Time">Where in the video the frame is.</param>
/// <param name="Concepts">What the frame shows, highest first.</param>
public sealed record PredictedFrame(int Number, TimeSpan Time, ImmutableArray<ConceptValue> Concepts);
