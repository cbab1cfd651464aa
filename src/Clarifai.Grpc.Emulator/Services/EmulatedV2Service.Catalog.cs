using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>DeleteModels, PatchModels, GetInputCount, ListModelTypes: the app's catalogue beyond one model or input.</summary>
internal sealed partial class EmulatedV2Service
{
    /// <summary>The model types the local server can create or serve, as ListModelTypes describes them.</summary>
    private static readonly ModelType[] ModelTypes =
    [
        new() { Id = "visual-classifier", Title = "Visual Classifier", Description = "Classify images into concepts (trained from the app's labelled images).", Trainable = true, Creatable = true, InputFields = { "image" }, OutputFields = { "concepts" } },
        new() { Id = "text-classifier", Title = "Text Classifier", Description = "Classify texts into concepts (trained from the app's labelled texts).", Trainable = true, Creatable = true, InputFields = { "text" }, OutputFields = { "concepts" } },
        new() { Id = "text-embedder", Title = "Text Embedder", Description = "Embed a text as a vector.", InputFields = { "text" }, OutputFields = { "embeddings" } },
        new() { Id = "text-to-text", Title = "Text To Text", Description = "Generate text from text.", InputFields = { "text" }, OutputFields = { "text" } },
        new() { Id = "multimodal-to-text", Title = "Multimodal To Text", Description = "Generate text from text and images.", InputFields = { "text", "image" }, OutputFields = { "text" } },
    ];

    /// <summary>Deletes models by id (ids the app does not have are ignored, as DeleteInputs does), or all with <c>delete_all</c>.</summary>
    public override Task<Clarifai.Api.Status.BaseResponse> DeleteModels(DeleteModelsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.DeleteAll == (request.Ids.Count > 0))
        {
            return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "Give ids, or delete_all, not both and not neither") });
        }

        List<string> ids;
        lock (app.Gate) ids = request.DeleteAll ? [.. app.Models.Keys] : [.. request.Ids];
        foreach (var id in ids) app.DeleteModel(id);
        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    /// <summary>Changes models' name, description and notes: <c>merge</c> (the default) sets what is given, <c>overwrite</c> sets all three.</summary>
    public override Task<MultiModelResponse> PatchModels(PatchModelsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (CheckPatchAction(request.Action) is { } badAction) return Task.FromResult(new MultiModelResponse { Status = badAction });

        var response = new MultiModelResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var missing = request.Models.FirstOrDefault(m => !app.Models.ContainsKey(m.Id));
            if (missing is not null) return Task.FromResult(new MultiModelResponse { Status = Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{missing.Id}'") });
            foreach (var patch in request.Models)
            {
                var model = app.Models[patch.Id];
                var overwrite = request.Action == "overwrite";
#pragma warning disable CS0612 // Model.name is deprecated upstream, but clients still patch it
                if (overwrite || patch.Name.Length > 0) model.Proto.Name = patch.Name;
#pragma warning restore CS0612
                if (overwrite || patch.Description.Length > 0) model.Proto.Description = patch.Description;
                if (overwrite || patch.Notes.Length > 0) model.Proto.Notes = patch.Notes;
                model.Proto.ModifiedAt = Now();
                response.Models.Add(Describe(model, model.Versions[^1]));
            }
        }

        return Task.FromResult(response);
    }

    /// <summary>The app's inputs by processing state.</summary>
    public override Task<SingleInputCountResponse> GetInputCount(GetInputCountRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var counts = new InputCount();
        lock (app.Gate)
        {
            foreach (var input in app.Inputs.Values)
            {
                switch (input.State)
                {
                    case StatusCode.InputSuccess: counts.Processed++; break;
                    case StatusCode.InputPending: counts.ToProcess++; break;
                    case StatusCode.InputInProgress: counts.Processing++; break;
                    default: counts.Errors++; break;
                }
            }
        }

        return Task.FromResult(new SingleInputCountResponse { Status = Statuses.Of(StatusCode.Success), Counts = counts });
    }

    public override Task<MultiModelTypeResponse> ListModelTypes(ListModelTypesRequest request, ServerCallContext context)
    {
        var response = new MultiModelTypeResponse { Status = Statuses.Of(StatusCode.Success) };
        response.ModelTypes.Add(ModelTypes.Select(t => t.Clone()));
        return Task.FromResult(response);
    }
}
