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
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (request.Concepts.Count == 0 || request.Concepts.Any(c => c.Id.Length == 0))
            {
                return Task.FromResult(new MultiConceptResponse { Status = Statuses.Of(StatusCode.ConceptsInvalidRequest, "Every concept needs an id") });
            }

            if (request.Concepts.FirstOrDefault(c => app.Concepts.ContainsKey(c.Id)) is { } taken)
            {
                return Task.FromResult(new MultiConceptResponse { Status = Statuses.Of(StatusCode.DatabaseDuplicateKey, $"The concept '{taken.Id}' already exists") });
            }

            var response = new MultiConceptResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var concept in request.Concepts) response.Concepts.Add(app.Touch(concept.Id, concept.Name).Clone());
            return Task.FromResult(response);
        }
    }

    public override Task<MultiConceptResponse> PatchConcepts(PatchConceptsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (request.Action != "overwrite")
            {
                return Task.FromResult(new MultiConceptResponse { Status = Statuses.Of(StatusCode.ConceptsInvalidRequest, $"Unsupported action '{request.Action}'; concepts are patched with 'overwrite'") });
            }

            if (request.Concepts.FirstOrDefault(c => !app.Concepts.ContainsKey(c.Id)) is { } missing)
            {
                return Task.FromResult(new MultiConceptResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"No concept with id '{missing.Id}'") });
            }

            var response = new MultiConceptResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var patch in request.Concepts)
            {
                var stored = app.Concepts[patch.Id];
                if (patch.Name.Length > 0) stored.Name = patch.Name;
                response.Concepts.Add(stored.Clone());
            }

            return Task.FromResult(response);
        }
    }

    public override Task<MultiInputResponse> PatchInputs(PatchInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Action is not ("merge" or "remove" or "overwrite"))
        {
            return Task.FromResult(new MultiInputResponse { Status = Statuses.Of(StatusCode.InputInvalidArgument, $"Unknown action '{request.Action}': merge, remove or overwrite") });
        }

        lock (app.Gate)
        {
            if (request.Inputs.FirstOrDefault(i => !app.Inputs.ContainsKey(i.Id)) is { } missing)
            {
                return Task.FromResult(new MultiInputResponse { Status = Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{missing.Id}'") });
            }

            var response = new MultiInputResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var patch in request.Inputs)
            {
                var data = app.Inputs[patch.Id].Proto.Data;
                var concepts = patch.Data?.Concepts ?? [];
                switch (request.Action)
                {
                    case "remove":
                        foreach (var concept in concepts) data.Concepts.Remove(data.Concepts.FirstOrDefault(c => c.Id == concept.Id));
                        break;
                    case "overwrite":
                        data.Concepts.Clear();
                        if (patch.Data?.Metadata is { } replaced) data.Metadata = replaced.Clone();
                        goto default;
                    default:
                        foreach (var concept in concepts)
                        {
                            if (data.Concepts.FirstOrDefault(c => c.Id == concept.Id) is { } existing) data.Concepts.Remove(existing);
                            data.Concepts.Add(new Concept { Id = concept.Id, Name = app.Touch(concept.Id, concept.Name).Name, Value = concept.Value });
                        }

                        if (request.Action == "merge" && patch.Data?.Metadata is { } merged)
                        {
                            data.Metadata ??= new Google.Protobuf.WellKnownTypes.Struct();
                            foreach (var (key, value) in merged.Fields) data.Metadata.Fields[key] = value.Clone();
                        }

                        break;
                }

                response.Inputs.Add(app.Inputs[patch.Id].ToProto());
            }

            return Task.FromResult(response);
        }
    }
}
