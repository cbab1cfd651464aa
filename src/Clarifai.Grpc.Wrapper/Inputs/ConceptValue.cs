using System.Collections.Immutable;
using System.Runtime.InteropServices;

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

    /// <summary>The concept as the API writes it.</summary>
    /// <returns>A new <see cref="Clarifai.Api.Concept"/>.</returns>
    public Clarifai.Api.Concept ToProto() => new() { Id = Id, Name = Name, Value = Value };

    /// <summary>The concepts of <paramref name="data"/>, highest value first, ties by id; an array sorted in place rather than LINQ, since this runs on every prediction.</summary>
    internal static ImmutableArray<ConceptValue> Sorted(Clarifai.Api.Data? data)
    {
        if (data is null || data.Concepts.Count == 0) return [];
        var concepts = new ConceptValue[data.Concepts.Count];
        for (var i = 0; i < concepts.Length; i++) concepts[i] = FromProto(data.Concepts[i]);
        Array.Sort(concepts, static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Id, b.Id));
        return ImmutableCollectionsMarshal.AsImmutableArray(concepts);
    }
}
