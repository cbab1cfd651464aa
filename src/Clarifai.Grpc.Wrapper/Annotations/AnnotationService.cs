using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Annotations;

/// <summary>
/// Labels the app's inputs with annotations — concepts for the whole input, or a region with its concepts — and reads,
/// lists and deletes them (PostAnnotations, GetAnnotation, ListAnnotations, DeleteAnnotation). Reach it through
/// <see cref="ClarifaiClient.Annotations"/>.
/// </summary>
public class AnnotationService
{
    private readonly ClarifaiCallExecutor _executor = null!;

    internal AnnotationService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected AnnotationService()
    {
    }

    /// <summary>Adds an annotation to an input (PostAnnotations): its concepts, on the whole input or inside a region.</summary>
    /// <param name="inputId">The input to label.</param>
    /// <param name="concepts">The concepts: a value of 1 says "is", 0 "is not". At least one.</param>
    /// <param name="region">A box the concepts are about, or <see langword="null"/> for the whole input.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotation, with its id.</returns>
    /// <exception cref="ArgumentException">The input id breaks the id rule, there is no concept, or a concept id is invalid.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example 30102: no such input).</exception>
    public virtual async Task<ClarifaiAnnotation> AddAsync(string inputId, IEnumerable<ConceptValue> concepts, RegionBox? region = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        ArgumentNullException.ThrowIfNull(concepts);
        var given = concepts.ToList();
        if (given.Count == 0) throw new ArgumentException("An annotation needs at least one concept.", nameof(concepts));
        foreach (var concept in given) Guard.ConceptId(concept?.Id, nameof(concepts));

        var conceptData = new Data();
        conceptData.Concepts.Add(given.Select(c => c.ToProto()));
        var data = region is null ? conceptData : new Data { Regions = { new PredictedRegion(string.Empty, region, 1, [.. given]).ToProto() } };
        var request = new PostAnnotationsRequest { Annotations = { new Annotation { InputId = inputId, Data = data } } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PostAnnotations, request, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiAnnotation(response.Annotations.Single());
    }

    /// <summary>Reads an annotation (GetAnnotation).</summary>
    /// <param name="inputId">The input it labels.</param>
    /// <param name="annotationId">The annotation's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotation.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such annotation on that input.</exception>
    public virtual async Task<ClarifaiAnnotation> GetAsync(string inputId, string annotationId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        Guard.Id(annotationId, nameof(annotationId), "annotation id");
        var response = await _executor.CallAsync(ClarifaiRpcs.GetAnnotation, new GetAnnotationRequest { InputId = inputId, AnnotationId = annotationId }, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiAnnotation(response.Annotation);
    }

    /// <summary>Lists the app's annotations, or one input's, page by page as it is enumerated (ListAnnotations).</summary>
    /// <param name="inputId">Only this input's annotations, or <see langword="null"/> for all.</param>
    /// <param name="pageSize">Annotations per request, 1 to 1000 (default 128).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <returns>The annotations, oldest first.</returns>
    /// <exception cref="ArgumentException">The input id breaks the id rule.</exception>
    public virtual ClarifaiPageable<ClarifaiAnnotation> ListAsync(string? inputId = null, int? pageSize = null, CallSettings? callSettings = null)
    {
        if (inputId is not null) Guard.Id(inputId, nameof(inputId), "input id");
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiAnnotation>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListAnnotationsRequest { Page = (uint)page, PerPage = (uint)perPage, ListAllAnnotations = true };
                if (inputId is not null) request.InputIds.Add(inputId);
                var response = await _executor.CallAsync(ClarifaiRpcs.ListAnnotations, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Annotations.Select(a => new ClarifaiAnnotation(a)).ToList();
            },
            pageSize);
    }

    /// <summary>Deletes an annotation (DeleteAnnotation).</summary>
    /// <param name="inputId">The input it labels.</param>
    /// <param name="annotationId">The annotation's id.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    /// <exception cref="ArgumentException">An id breaks the id rule.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such annotation on that input.</exception>
    public virtual async Task DeleteAsync(string inputId, string annotationId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        Guard.Id(annotationId, nameof(annotationId), "annotation id");
        await _executor.CallAsync(ClarifaiRpcs.DeleteAnnotation, new DeleteAnnotationRequest { InputId = inputId, AnnotationId = annotationId }, callSettings, cancellationToken).ConfigureAwait(false);
    }
}
