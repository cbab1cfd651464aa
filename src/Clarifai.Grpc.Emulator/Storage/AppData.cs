using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Everything one app (user id + app id) holds: inputs in creation order, the URLs already added, the models.
/// Apps never see each other's data. All members are guarded by <see cref="Gate"/>; the domain rules of adding
/// (<see cref="AddInput"/>, <see cref="TryAddModel"/>) live here and take the lock themselves.
/// </summary>
internal sealed class AppData
{
    public AppData(string userId, string appId, TimeProvider time)
    {
        UserId = userId;
        AppId = appId;
        Time = time;
        CreatedAt = Now();
    }

    /// <summary>When the app was created (by PostApps or by first use).</summary>
    public Google.Protobuf.WellKnownTypes.Timestamp CreatedAt { get; }

    /// <summary>Whether PostApps created it (a second PostApps of its id is a duplicate); an app made by first use is not.</summary>
    public bool Posted { get; set; }

    /// <summary>The app's name, as PostApps or PatchApps set it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The app's description.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The app as the API describes it. Called under <see cref="Gate"/>.</summary>
    public Clarifai.Api.App ToProto() => new() { Id = AppId, UserId = UserId, Name = Name.Length > 0 ? Name : AppId, Description = Description, CreatedAt = CreatedAt, ModifiedAt = CreatedAt };

    /// <summary>The server's clock (<see cref="EmulatorOptions.TimeProvider"/>).</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, on the server's clock, as the API's timestamps are.</summary>
    public Google.Protobuf.WellKnownTypes.Timestamp Now() => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Time.GetUtcNow());

    public string UserId { get; }

    public string AppId { get; }

    public object Gate { get; } = new();

    public Dictionary<string, StoredInput> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's datasets, by id.</summary>
    public Dictionary<string, StoredDataset> Datasets { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's annotations (PostAnnotations), by id, in creation order; each names its input.</summary>
    public Dictionary<string, Clarifai.Api.Annotation> Annotations { get; } = new(StringComparer.Ordinal);

    /// <summary>Annotation ids in creation order, for ListAnnotations.</summary>
    public List<string> AnnotationOrder { get; } = [];

    /// <summary>The app's model evaluations by id (PostEvaluations); the runner fills them in.</summary>
    public Dictionary<string, Clarifai.Api.EvalMetrics> Evaluations { get; } = new(StringComparer.Ordinal);

    /// <summary>Evaluation ids, oldest first (a re-run under the same id moves to the end).</summary>
    public List<string> EvaluationOrder { get; } = [];

    /// <summary>The app's modules (PostModules), by id.</summary>
    public Dictionary<string, Clarifai.Api.Module> Modules { get; } = new(StringComparer.Ordinal);

    /// <summary>Input ids in creation order, for ListInputs.</summary>
    public List<string> InputOrder { get; } = [];

    public HashSet<string> Urls { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredModel> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>The inputs-add jobs: the ids of the inputs added under each job id, and when the job began.</summary>
    public Dictionary<string, (List<string> InputIds, DateTime CreatedAt)> AddJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's workflows by id.</summary>
    public Dictionary<string, Workflow> Workflows { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's concepts by id, in creation order; inputs and models that name one create it, as the API does.</summary>
    public Dictionary<string, Concept> Concepts { get; } = new(StringComparer.Ordinal);

    public List<string> ConceptOrder { get; } = [];

    /// <summary>
    /// Stores a new input by the app's rules: a client-chosen id is unique in the app, a URL is added once unless the
    /// input allows it again (both 30100 INPUT_DUPLICATE); an id is assigned otherwise, the input is pending (30001),
    /// recorded under its inputs-add job, put in the datasets it names (each must exist: 11101 otherwise), and its
    /// concepts are created. <paramref name="answer"/> is updated with the
    /// outcome either way.
    /// </summary>
    /// <returns>The stored input, or <see langword="null"/> when a rule refused it.</returns>
    public StoredInput? AddInput(Input answer, string url, bool allowDuplicateUrl, string addJobId, Func<bool> injectedFailure)
    {
        lock (Gate)
        {
            var (failure, details) =
                answer.Id.Length > 0 && Inputs.ContainsKey(answer.Id) ? (StatusCode.InputDuplicate, $"An input with id '{answer.Id}' already exists")
                : url.Length > 0 && !allowDuplicateUrl && Urls.Contains(url) ? (StatusCode.InputDuplicate, $"The app already has an input with URL {url}; set allow_duplicate_url to add it again")
                : answer.DatasetIds.FirstOrDefault(id => !Datasets.ContainsKey(id)) is { } unknown ? (StatusCode.ConnDoesNotExist, $"No dataset with id '{unknown}'")
                : injectedFailure() ? (StatusCode.InputFailed, "Injected fault: input failed")
                : ((StatusCode?)null, string.Empty);
            if (failure is { } code)
            {
                answer.Status = Statuses.Of(code, details);
                return null;
            }

            if (answer.Id.Length == 0) answer.Id = Guid.NewGuid().ToString("N");
            answer.Status = Statuses.Of(StatusCode.InputPending);
            var stored = new StoredInput(answer.Clone());
            Inputs.Add(stored.Id, stored);
            InputOrder.Add(stored.Id);
            if (url.Length > 0) Urls.Add(url);
            foreach (var concept in answer.Data.Concepts) Touch(concept.Id, concept.Name);
            foreach (var datasetId in answer.DatasetIds.Distinct())
            {
                var dataset = Datasets[datasetId];
                dataset.InputIds.Add(stored.Id);
                dataset.AddedAt[stored.Id] = Now();
            }

            if (addJobId.Length > 0)
            {
                if (!AddJobs.TryGetValue(addJobId, out var job)) AddJobs[addJobId] = job = ([], Time.GetUtcNow().UtcDateTime);
                job.InputIds.Add(stored.Id);
            }

            return stored;
        }
    }

    /// <summary>Adds a model unless the app has one with its id (40010 DATABASE_DUPLICATE_KEY); its concepts are created.</summary>
    /// <returns>Whether the model was added.</returns>
    public bool TryAddModel(StoredModel model)
    {
        lock (Gate)
        {
            if (!Models.TryAdd(model.Id, model)) return false;
            foreach (var concept in model.Concepts) Touch(concept);
            return true;
        }
    }

    /// <summary>Deletes the inputs that exist (others are ignored, as the API does); a URL becomes free again once no input holds it.</summary>
    public void DeleteInputs(IEnumerable<string> ids)
    {
        lock (Gate)
        {
            foreach (var id in ids)
            {
                if (!Inputs.Remove(id, out var input)) continue;
                InputOrder.Remove(id);

                // An input leaves its datasets (versions keep what they froze) and takes its annotations with it.
                foreach (var dataset in Datasets.Values)
                {
                    if (dataset.InputIds.Remove(id)) dataset.AddedAt.Remove(id);
                }

                foreach (var annotation in Annotations.Values.Where(a => a.InputId == id).ToList())
                {
                    Annotations.Remove(annotation.Id);
                    AnnotationOrder.Remove(annotation.Id);
                }

                if (input.Url is { Length: > 0 } url && !Inputs.Values.Any(i => i.Url == url)) Urls.Remove(url);
            }
        }
    }

    /// <summary>Deletes a model with all its versions.</summary>
    /// <returns>Whether it existed.</returns>
    public bool DeleteModel(string modelId)
    {
        lock (Gate) return Models.Remove(modelId);
    }

    /// <summary>Deletes a version; a model keeps at least one (21202 otherwise, as the API answers).</summary>
    /// <returns>The refusal, or <see langword="null"/> when deleted.</returns>
    public Clarifai.Api.Status.Status? DeleteVersion(string modelId, string versionId)
    {
        lock (Gate)
        {
            if (!Models.TryGetValue(modelId, out var model) || model.Versions.All(v => v.Id != versionId))
            {
                return Statuses.Of(StatusCode.ModelDoesNotExist, $"No version '{versionId}' of model '{modelId}'");
            }

            if (model.Versions.Count == 1) return Statuses.Of(StatusCode.ModelInvalidArgument, "A model keeps at least one version; delete the model instead");
            model.Versions.RemoveAll(v => v.Id == versionId);
            return null;
        }
    }

    /// <summary>Adds a version to a model, queued for training.</summary>
    /// <returns>The model, or <see langword="null"/> when it does not exist.</returns>
    public StoredModel? AddVersion(string modelId, StoredModelVersion version)
    {
        lock (Gate)
        {
            if (!Models.TryGetValue(modelId, out var model)) return null;
            model.Versions.Add(version);
            return model;
        }
    }

    /// <summary>
    /// Adds workflows, all or none: each needs an id and nodes naming models of the app (40001-style refusals with the
    /// API's codes), and an id the app does not have (WORKFLOW_DUPLICATE).
    /// </summary>
    /// <returns>The refusal, or <see langword="null"/> when all were added.</returns>
    public Clarifai.Api.Status.Status? AddWorkflows(IReadOnlyList<Workflow> workflows)
    {
        lock (Gate)
        {
            foreach (var workflow in workflows)
            {
                if (workflow.Id.Length == 0 || workflow.Nodes.Count == 0 || workflow.Nodes.Any(n => n.Id.Length == 0 || n.Model is not { Id.Length: > 0 }))
                {
                    return Statuses.Of(StatusCode.WorkflowInvalidRequest, "A workflow needs an id and nodes, each with an id and a model");
                }

                if (Workflows.ContainsKey(workflow.Id)) return Statuses.Of(StatusCode.WorkflowDuplicate, $"A workflow with id '{workflow.Id}' already exists");
                if (workflow.Nodes.FirstOrDefault(n => !Models.ContainsKey(n.Model.Id)) is { } unknown)
                {
                    return Statuses.Of(StatusCode.ModelDoesNotExist, $"Node '{unknown.Id}' names model '{unknown.Model.Id}', which does not exist");
                }
            }

            foreach (var workflow in workflows) Workflows.Add(workflow.Id, workflow);
            return null;
        }
    }

    /// <summary>Adds concepts, all or none: each needs an id the app does not have yet.</summary>
    /// <returns>The refusal, or <see langword="null"/> with the stored concepts' copies in <paramref name="added"/>.</returns>
    public Clarifai.Api.Status.Status? AddConcepts(IReadOnlyList<Concept> concepts, List<Concept> added)
    {
        lock (Gate)
        {
            if (concepts.Count == 0 || concepts.Any(c => c.Id.Length == 0)) return Statuses.Of(StatusCode.ConceptsInvalidRequest, "Every concept needs an id");
            if (concepts.FirstOrDefault(c => Concepts.ContainsKey(c.Id)) is { } taken) return Statuses.Of(StatusCode.DatabaseDuplicateKey, $"The concept '{taken.Id}' already exists");
            added.AddRange(concepts.Select(c => Touch(c.Id, c.Name).Clone()));
            return null;
        }
    }

    /// <summary>Renames concepts (action <c>overwrite</c>), all or none: each must exist.</summary>
    /// <returns>The refusal, or <see langword="null"/> with the renamed concepts' copies in <paramref name="renamed"/>.</returns>
    public Clarifai.Api.Status.Status? RenameConcepts(IReadOnlyList<Concept> patches, List<Concept> renamed)
    {
        lock (Gate)
        {
            if (patches.FirstOrDefault(c => !Concepts.ContainsKey(c.Id)) is { } missing) return Statuses.Of(StatusCode.ConnDoesNotExist, $"No concept with id '{missing.Id}'");
            foreach (var patch in patches)
            {
                var stored = Concepts[patch.Id];
                if (patch.Name.Length > 0) stored.Name = patch.Name;
                renamed.Add(stored.Clone());
            }

            return null;
        }
    }

    /// <summary>
    /// Patches inputs' concepts and metadata, all or none (every input must exist): <c>merge</c> sets the given concepts
    /// and merges the metadata, <c>remove</c> removes the given concepts, <c>overwrite</c> replaces both.
    /// </summary>
    /// <returns>The refusal, or <see langword="null"/> with the patched inputs' answers in <paramref name="patched"/>.</returns>
    public Clarifai.Api.Status.Status? PatchInputs(string action, IReadOnlyList<Input> patches, List<Input> patched)
    {
        lock (Gate)
        {
            if (patches.FirstOrDefault(i => !Inputs.ContainsKey(i.Id)) is { } missing) return Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{missing.Id}'");
            foreach (var patch in patches)
            {
                var data = Inputs[patch.Id].Proto.Data;
                var concepts = patch.Data?.Concepts ?? [];
                if (action == "remove")
                {
                    foreach (var concept in concepts) data.Concepts.Remove(data.Concepts.FirstOrDefault(c => c.Id == concept.Id));
                }
                else
                {
                    if (action == "overwrite")
                    {
                        data.Concepts.Clear();
                        if (patch.Data?.Metadata is { } replaced) data.Metadata = replaced.Clone();
                    }

                    foreach (var concept in concepts)
                    {
                        if (data.Concepts.FirstOrDefault(c => c.Id == concept.Id) is { } existing) data.Concepts.Remove(existing);
                        data.Concepts.Add(new Concept { Id = concept.Id, Name = Touch(concept.Id, concept.Name).Name, Value = concept.Value });
                    }

                    if (action == "merge" && patch.Data?.Metadata is { } merged)
                    {
                        data.Metadata ??= new Google.Protobuf.WellKnownTypes.Struct();
                        foreach (var (key, value) in merged.Fields) data.Metadata.Fields[key] = value.Clone();
                    }
                }

                patched.Add(Inputs[patch.Id].ToProto());
            }

            return null;
        }
    }

    /// <summary>Creates the concept if the app does not have it yet. Called under <see cref="Gate"/>.</summary>
    public Concept Touch(string id, string? name = null)
    {
        if (Concepts.TryGetValue(id, out var existing)) return existing;
        var concept = new Concept { Id = id, Name = string.IsNullOrEmpty(name) ? id : name, AppId = AppId, UserId = UserId, Value = 1f, CreatedAt = Now() };
        Concepts.Add(id, concept);
        ConceptOrder.Add(id);
        return concept;
    }
}
