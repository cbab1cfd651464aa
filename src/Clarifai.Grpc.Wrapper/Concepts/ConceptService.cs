using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Concepts;

/// <summary>
/// The app's concepts: list them, create them ahead of use, rename them (ListConcepts, PostConcepts, PatchConcepts).
/// Inputs and models that name a concept create it too, as the API does.
/// </summary>
/// <remarks>Every method is virtual and there is a protected constructor, so that tests can mock the service.</remarks>
public class ConceptService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal ConceptService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected ConceptService()
    {
    }

    /// <summary>Lists the app's concepts, a page (ListConcepts) at a time as the enumeration goes.</summary>
    /// <param name="pageSize">Concepts per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The concepts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<ClarifaiConcept> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiConcept>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListConceptsRequest { Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListConcepts, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Concepts.Select(c => new ClarifaiConcept(c)).ToList();
            },
            pageSize);
    }

    /// <summary>Creates concepts (PostConcepts), each with an optional display name.</summary>
    /// <param name="concepts">Ids and names; at least one, at most 128, each id once.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The concepts as created.</returns>
    /// <exception cref="ArgumentException">No concepts, too many, a bad id, or an id twice.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, for example because a concept exists.</exception>
    public virtual async Task<IReadOnlyList<ClarifaiConcept>> AddAsync(IEnumerable<(string Id, string? Name)> concepts, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var request = new PostConceptsRequest();
        request.Concepts.AddRange(Checked(concepts, nameof(concepts)));
        var response = await _executor.CallAsync(ClarifaiRpcs.PostConcepts, request, callSettings, cancellationToken).ConfigureAwait(false);
        return response.Concepts.Select(c => new ClarifaiConcept(c)).ToList();
    }

    /// <summary>Renames a concept (PatchConcepts, action <c>overwrite</c>); its id, and what refers to it, stay.</summary>
    /// <param name="conceptId">The concept's id.</param>
    /// <param name="name">The new display name.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The concept as renamed.</returns>
    /// <exception cref="ArgumentException">A bad id or an empty name.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such concept.</exception>
    public virtual async Task<ClarifaiConcept> RenameAsync(string conceptId, string name, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.ConceptId(conceptId, nameof(conceptId));
        Guard.ConceptId(name, nameof(name));
        var request = new PatchConceptsRequest { Action = "overwrite", Concepts = { new Concept { Id = conceptId, Name = name } } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PatchConcepts, request, new(callSettings, cancellationToken) { Check = static r =>
            r.Concepts.Count == 1 ? null : new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = "The response holds no concept." }, ClarifaiRpcs.PatchConcepts.Name) }).ConfigureAwait(false);
        return new ClarifaiConcept(response.Concepts[0]);
    }

    private static List<Concept> Checked(IEnumerable<(string Id, string? Name)> concepts, string paramName)
    {
        ArgumentNullException.ThrowIfNull(concepts, paramName);
        var list = concepts.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one concept is required.", paramName);
        if (list.Count > ClarifaiLimits.MaxInputsPerRequest) throw new ArgumentException($"At most {ClarifaiLimits.MaxInputsPerRequest} concepts per call.", paramName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Concept>(list.Count);
        foreach (var (id, name) in list)
        {
            Guard.ConceptId(id, paramName);
            if (name is not null) Guard.ConceptId(name, paramName);
            if (!seen.Add(id)) throw new ArgumentException($"The concept '{id}' is listed twice.", paramName);
            result.Add(new Concept { Id = id, Name = name ?? id });
        }

        return result;
    }
}
