using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>ListConcepts, PostConcepts, PatchConcepts, and PatchInputs (concepts and metadata of inputs).</summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiConceptResponse> ListConcepts(ListConceptsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiConceptResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            foreach (var id in PageSlice.Of(app.ConceptOrder, request.Page, request.PerPage)) response.Concepts.Add(app.Concepts[id].Clone());
        }

        return Task.FromResult(response);
    }

    public override Task<MultiConceptResponse> PostConcepts(PostConceptsRequest request, ServerCallContext context)
    {
        var added = new List<Concept>();
        var refused = AppOf(context).AddConcepts(request.Concepts, added);
        return Task.FromResult(refused is not null ? new MultiConceptResponse { Status = refused } : new MultiConceptResponse { Status = Statuses.Of(StatusCode.Success), Concepts = { added } });
    }

    public override Task<MultiConceptResponse> PatchConcepts(PatchConceptsRequest request, ServerCallContext context)
    {
        if (request.Action != "overwrite")
        {
            return Task.FromResult(new MultiConceptResponse { Status = Statuses.Of(StatusCode.ConceptsInvalidRequest, $"Unsupported action '{request.Action}'; concepts are patched with 'overwrite'") });
        }

        var renamed = new List<Concept>();
        var refused = AppOf(context).RenameConcepts(request.Concepts, renamed);
        return Task.FromResult(refused is not null ? new MultiConceptResponse { Status = refused } : new MultiConceptResponse { Status = Statuses.Of(StatusCode.Success), Concepts = { renamed } });
    }

    public override Task<MultiInputResponse> PatchInputs(PatchInputsRequest request, ServerCallContext context)
    {
        if (request.Action is not ("merge" or "remove" or "overwrite"))
        {
            return Task.FromResult(new MultiInputResponse { Status = Statuses.Of(StatusCode.InputInvalidArgument, $"Unknown action '{request.Action}': merge, remove or overwrite") });
        }

        var patched = new List<Input>();
        var refused = AppOf(context).PatchInputs(request.Action, request.Inputs, patched);
        return Task.FromResult(refused is not null ? new MultiInputResponse { Status = refused } : new MultiInputResponse { Status = Statuses.Of(StatusCode.Success), Inputs = { patched } });
    }
}
