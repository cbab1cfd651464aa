namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// A concept with a value: on an input, 1 for "is this concept" and 0 for "is not" (a negative example); in a
/// prediction, the model's confidence in [0, 1].
/// </summary>
/// <param name="Id">The concept id, for example <c>charlie</c>.</param>
/// <param name="Name">The concept's name; Clarifai often leaves it equal to the id.</param>
/// <param name="Value">The value.</param>
public sealed record ConceptValue(string Id, string Name, float Value)
{
    internal static ConceptValue FromProto(Clarifai.Api.Concept concept) =>
        new(concept.Id, string.IsNullOrEmpty(concept.Name) ? concept.Id : concept.Name, concept.Value);
}
