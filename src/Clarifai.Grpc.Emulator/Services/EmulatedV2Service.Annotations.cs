using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// PostAnnotations, ListAnnotations, GetAnnotation, PatchAnnotations, DeleteAnnotation, DeleteAnnotations: labels
/// (concepts, regions) on the app's inputs, each annotation its own record naming its input, 24150 ANNOTATION_SUCCESS.
/// An input's own concepts (PostInputs) stay on the input; deleting an input deletes its annotations.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiAnnotationResponse> PostAnnotations(PostAnnotationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Annotations.Count is 0 or > MaxInputsPerRequest) return Task.FromResult(new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, $"A request takes 1 to {MaxInputsPerRequest} annotations") });
        var response = new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            // All or none, as the API's batch writes.
            foreach (var annotation in request.Annotations)
            {
                if (!app.Inputs.ContainsKey(annotation.InputId)) return Task.FromResult(new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{annotation.InputId}'") });
                if (annotation.Id.Length > 0 && app.Annotations.ContainsKey(annotation.Id)) return Task.FromResult(new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"An annotation with id '{annotation.Id}' already exists") });
            }

            var duplicate = request.Annotations.Where(a => a.Id.Length > 0).GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) return Task.FromResult(new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"The annotation id '{duplicate.Key}' is given twice") });

            foreach (var given in request.Annotations)
            {
                var annotation = given.Clone();
                if (annotation.Id.Length == 0) annotation.Id = NewId();
                annotation.CreatedAt = Now();
                annotation.ModifiedAt = annotation.CreatedAt;
                annotation.Status = Statuses.Of(StatusCode.AnnotationSuccess);
                app.Annotations[annotation.Id] = annotation;
                app.AnnotationOrder.Add(annotation.Id);
                response.Annotations.Add(annotation.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<MultiAnnotationResponse> ListAnnotations(ListAnnotationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var selected = app.AnnotationOrder.Select(id => app.Annotations[id])
                .Where(a => request.Ids.Count == 0 || request.Ids.Contains(a.Id))
                .Where(a => request.InputIds.Count == 0 || request.InputIds.Contains(a.InputId))
                .ToList();
            foreach (var annotation in PageSlice.Of(selected, request.Page, request.PerPage)) response.Annotations.Add(annotation.Clone());
        }

        return Task.FromResult(response);
    }

    public override Task<SingleAnnotationResponse> GetAnnotation(GetAnnotationRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Annotations.TryGetValue(request.AnnotationId, out var annotation) && annotation.InputId == request.InputId
                ? new SingleAnnotationResponse { Status = Statuses.Of(StatusCode.Success), Annotation = annotation.Clone() }
                : new SingleAnnotationResponse { Status = NoAnnotation(request.AnnotationId) });
        }
    }

    /// <summary>Merges (the default), overwrites or removes each annotation's concepts and regions.</summary>
    public override Task<MultiAnnotationResponse> PatchAnnotations(PatchAnnotationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Action is not ("" or "merge" or "overwrite" or "remove")) return Task.FromResult(new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, $"action '{request.Action}' is not merge, overwrite or remove") });
        var response = new MultiAnnotationResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var missing = request.Annotations.FirstOrDefault(a => !app.Annotations.ContainsKey(a.Id));
            if (missing is not null) return Task.FromResult(new MultiAnnotationResponse { Status = NoAnnotation(missing.Id) });
            foreach (var patch in request.Annotations)
            {
                var annotation = app.Annotations[patch.Id];
                var data = annotation.Data ??= new Data();
                var given = patch.Data ?? new Data();
                switch (request.Action)
                {
                    case "overwrite":
                        annotation.Data = given.Clone();
                        break;
                    case "remove":
                        foreach (var concept in given.Concepts) data.Concepts.Remove(data.Concepts.FirstOrDefault(c => c.Id == concept.Id));
                        foreach (var region in given.Regions) data.Regions.Remove(data.Regions.FirstOrDefault(r => r.Id == region.Id));
                        break;
                    default:
                        foreach (var concept in given.Concepts)
                        {
                            var existing = data.Concepts.FirstOrDefault(c => c.Id == concept.Id);
                            if (existing is null) data.Concepts.Add(concept.Clone());
                            else existing.Value = concept.Value;
                        }

                        foreach (var region in given.Regions) data.Regions.Add(region.Clone());
                        break;
                }

                if (request.DeleteIfEmptyData && annotation.Data is { Concepts.Count: 0, Regions.Count: 0 })
                {
                    app.Annotations.Remove(annotation.Id);
                    app.AnnotationOrder.Remove(annotation.Id);
                    continue;
                }

                annotation.ModifiedAt = Now();
                response.Annotations.Add(annotation.Clone());
            }
        }

        return Task.FromResult(response);
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteAnnotation(DeleteAnnotationRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (!app.Annotations.TryGetValue(request.AnnotationId, out var annotation) || annotation.InputId != request.InputId)
            {
                return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = NoAnnotation(request.AnnotationId) });
            }

            app.Annotations.Remove(annotation.Id);
            app.AnnotationOrder.Remove(annotation.Id);
        }

        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    /// <summary>Deletes annotations by id, or every annotation of the given inputs; unknown ones are ignored.</summary>
    public override Task<Clarifai.Api.Status.BaseResponse> DeleteAnnotations(DeleteAnnotationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            var doomed = app.Annotations.Values
                .Where(a => request.Ids.Count > 0 ? request.Ids.Contains(a.Id) : request.InputIds.Contains(a.InputId))
                .Select(a => a.Id).ToList();
            foreach (var id in doomed)
            {
                app.Annotations.Remove(id);
                app.AnnotationOrder.Remove(id);
            }
        }

        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    private static Clarifai.Api.Status.Status NoAnnotation(string id) => Statuses.Of(StatusCode.ConnDoesNotExist, $"No annotation with id '{id}'");
}
