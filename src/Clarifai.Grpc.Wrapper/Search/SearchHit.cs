namespace Clarifai.Grpc.Wrapper.Search;

/// <summary>One input a search found, with its score (1 for filters alone; the similarity, from 0 to 1, for a rank).</summary>
/// <param name="Input">The input.</param>
/// <param name="Score">How well it matches; hits come highest first.</param>
public sealed record SearchHit(ClarifaiInput Input, float Score);
