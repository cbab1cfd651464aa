using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>A region a detection model found: its id, box (when it has one), confidence, and concepts (highest first).</summary>
/// <param name="Id">The region's id.</param>
/// <param name="Box">The bounding box, or <see langword="null"/> for regions without one (masks, spans).</param>
/// <param name="Value">The detection's confidence.</param>
/// <param name="Concepts">What the region shows, highest first.</param>
public sealed record PredictedRegion(string Id, RegionBox? Box, float Value, ImmutableArray<ConceptValue> Concepts);
