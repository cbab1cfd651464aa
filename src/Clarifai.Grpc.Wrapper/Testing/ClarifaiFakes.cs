using System.Collections.Immutable;
using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>
/// Ready-made typed results and API responses for users' unit tests, so that mocking our services or a
/// <see cref="global::Grpc.Core.CallInvoker"/> takes one line:
/// <code>predictions.Setup(p => p.PredictAsync("pets", It.IsAny&lt;ImageSource&gt;(), null, It.IsAny&lt;CancellationToken&gt;()))
///            .ReturnsAsync(ClarifaiFakes.Prediction(("charlie", 0.97f), ("cat", 0.02f)));</code>
/// </summary>
public static class ClarifaiFakes
{
    /// <summary>A Clarifai status message with a description and a <c>req_id</c>.</summary>
    /// <param name="code">The code.</param>
    /// <param name="details">Details, if any.</param>
    /// <returns>The status.</returns>
    public static StatusProto Status(StatusCode code, string details = "") =>
        new() { Code = code, Description = ClarifaiStatus.NameOf(code), Details = details, ReqId = "fake-req-id" };

    /// <summary>A successful prediction by model <c>pets</c>, version <c>v1</c>, with these concepts (sorted highest first, as real ones are).</summary>
    /// <param name="concepts">Concept ids and values.</param>
    /// <returns>The prediction.</returns>
    public static Prediction Prediction(params (string Id, float Value)[] concepts) => new(Output("pets", "v1", concepts));

    /// <summary>A successful prediction of a given model and version.</summary>
    /// <param name="modelId">The model that answered.</param>
    /// <param name="versionId">Its version.</param>
    /// <param name="concepts">Concept ids and values.</param>
    /// <returns>The prediction.</returns>
    public static Prediction Prediction(string modelId, string versionId, params (string Id, float Value)[] concepts) => new(Output(modelId, versionId, concepts));

    /// <summary>An input in a given state (30000 processed by default).</summary>
    /// <param name="id">The input id.</param>
    /// <param name="code">Its status code.</param>
    /// <returns>The input.</returns>
    public static ClarifaiInput Input(string id, StatusCode code = StatusCode.InputSuccess) =>
        new(new Input { Id = id, Status = Status(code), Data = new Data() });

    /// <summary>A model version in a given state (21100 trained by default).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="versionId">The version id.</param>
    /// <param name="code">Its status code.</param>
    /// <returns>The version.</returns>
    public static ClarifaiModelVersion ModelVersion(string modelId, string versionId = "v1", StatusCode code = StatusCode.ModelTrained) =>
        new(modelId, new ModelVersion { Id = versionId, Status = Status(code) });

    /// <summary>A model with concepts and a latest version (untrained by default).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="concepts">Its concepts.</param>
    /// <returns>The model.</returns>
    public static ClarifaiModel Model(string modelId, params string[] concepts) => new(ModelResponse(modelId, concepts).Model);

    /// <summary>The result of adding inputs, each with its own status (10000 overall when all are pending or processed).</summary>
    /// <param name="inputs">Input ids and their status codes.</param>
    /// <returns>The result.</returns>
    public static AddInputsResult AddInputsResult(params (string Id, StatusCode Code)[] inputs)
    {
        var items = inputs.Select(i => Input(i.Id, i.Code)).ToList();
        var overall = items.All(i => !i.IsFailed) ? StatusCode.Success : items.All(i => i.IsFailed) ? StatusCode.Failure : StatusCode.MixedStatus;
        return new AddInputsResult(ClarifaiStatus.FromProto(Status(overall)), items);
    }

    /// <summary>A PostModelOutputs response with one successful output, for a mocked <see cref="global::Grpc.Core.CallInvoker"/>.</summary>
    /// <param name="concepts">Concept ids and values.</param>
    /// <returns>The response.</returns>
    public static MultiOutputResponse PredictionResponse(params (string Id, float Value)[] concepts) =>
        new() { Status = Status(StatusCode.Success), Outputs = { Output("pets", "v1", concepts) } };

    /// <summary>A PostModels / GetModel response for a mocked <see cref="global::Grpc.Core.CallInvoker"/>.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="concepts">Its concepts.</param>
    /// <returns>The response.</returns>
    public static SingleModelResponse ModelResponse(string modelId, params string[] concepts)
    {
        var model = new Model { Id = modelId, ModelTypeId = "embedding-classifier", ModelVersion = new ModelVersion { Id = "v1", Status = Status(StatusCode.ModelUntrained) } };
#pragma warning disable CS0612 // output_info is where PostModels carries concepts
        model.OutputInfo = new OutputInfo { Data = new Data() };
        foreach (var concept in concepts) model.OutputInfo.Data.Concepts.Add(new Concept { Id = concept, Name = concept });
#pragma warning restore CS0612
        return new SingleModelResponse { Status = Status(StatusCode.Success), Model = model };
    }

    /// <summary>A response of any RPC carrying only an error status, for testing error handling.</summary>
    /// <typeparam name="TResponse">The response type, for example <see cref="SingleModelResponse"/>.</typeparam>
    /// <param name="code">The error code.</param>
    /// <param name="details">Details, if any.</param>
    /// <returns>The response.</returns>
    public static TResponse ErrorResponse<TResponse>(StatusCode code, string details = "")
        where TResponse : Google.Protobuf.IMessage, new()
    {
        var response = new TResponse();
        MessageProperties.StatusSetter(typeof(TResponse))?.Invoke(response, Status(code, details));
        return response;
    }

    private static Output Output(string modelId, string versionId, (string Id, float Value)[] concepts)
    {
        var output = new Output { Status = Status(StatusCode.Success), Model = new Model { Id = modelId, ModelVersion = new ModelVersion { Id = versionId } }, Data = new Data() };
        foreach (var (id, value) in concepts) output.Data.Concepts.Add(new Concept { Id = id, Name = id, Value = value });
        return output;
    }

    /// <summary>
    /// A list served from the given pages, as a service's <c>ListAsync</c> returns it: for the code under test, items
    /// and pages come as from the server. <c>inputs.Setup(i => i.ListAsync(null, null)).Returns(ClarifaiFakes.Pageable(page1, page2))</c>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order; build them with <see cref="ClarifaiPage{T}"/>'s constructor.</param>
    /// <returns>The pageable.</returns>
    public static ClarifaiPageable<T> Pageable<T>(params ClarifaiPage<T>[] pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StaticPageable<T>(pages.ToList());
    }

    /// <summary>An annotation of concepts on an input.</summary>
    /// <param name="inputId">The input it labels.</param>
    /// <param name="concepts">Its concepts (value 1).</param>
    /// <returns>The annotation.</returns>
    public static Annotations.ClarifaiAnnotation Annotation(string inputId, params string[] concepts) =>
        new(new Annotation { Id = "annotation-" + inputId, InputId = inputId, Status = Status(StatusCode.AnnotationSuccess), Data = new Data { Concepts = { concepts.Select(c => new Concept { Id = c, Name = c, Value = 1 }) } } });

    /// <summary>A dataset.</summary>
    /// <param name="datasetId">Its id.</param>
    /// <param name="latestVersionId">Its latest version's id, or <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    public static Datasets.ClarifaiDataset Dataset(string datasetId, string? latestVersionId = null) =>
        new(new Dataset { Id = datasetId, Version = latestVersionId is null ? null : new DatasetVersion { Id = latestVersionId, DatasetId = datasetId } });

    /// <summary>A dataset version, ready (64015).</summary>
    /// <param name="datasetId">The dataset.</param>
    /// <param name="versionId">The version's id.</param>
    /// <returns>The version.</returns>
    public static Datasets.ClarifaiDatasetVersion DatasetVersion(string datasetId, string versionId) =>
        new(new DatasetVersion { Id = versionId, DatasetId = datasetId, Status = Status(StatusCode.DatasetVersionReady) });

    /// <summary>An evaluation of a model version, evaluated (21300), with per concept figures and their means as the summary.</summary>
    /// <param name="modelId">The evaluated model.</param>
    /// <param name="versionId">The evaluated version.</param>
    /// <param name="concepts">Each concept's ROC AUC and F1.</param>
    /// <returns>The evaluation.</returns>
    public static Evaluations.ClarifaiEvaluation Evaluation(string modelId, string versionId, params (string ConceptId, float RocAuc, float F1)[] concepts) =>
        new(new EvalMetrics
        {
            Id = "evaluation-" + modelId + "-" + versionId,
            Status = Status(StatusCode.ModelEvaluated),
            Model = new Model { Id = modelId, ModelVersion = new ModelVersion { Id = versionId } },
            Summary = new MetricsSummary { MacroAvgRocAuc = concepts.Length == 0 ? 0 : concepts.Average(c => c.RocAuc), MacroAvgF1Score = concepts.Length == 0 ? 0 : concepts.Average(c => c.F1) },
            BinaryMetrics = { concepts.Select(c => new BinaryMetrics { Concept = new Concept { Id = c.ConceptId, Name = c.ConceptId }, RocAuc = c.RocAuc, F1 = c.F1 }) },
        });

    /// <summary>An app.</summary>
    /// <param name="appId">The app's id.</param>
    /// <param name="userId">The user that owns it.</param>
    /// <param name="description">Its description.</param>
    /// <returns>The app.</returns>
    public static Apps.ClarifaiApp App(string appId, string userId = "me", string description = "") =>
        new(new App { Id = appId, UserId = userId, Name = appId, Description = description, CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) });

    /// <summary>What a model method answered: <paramref name="value"/> as <see cref="Methods.MethodResult.Value"/>, with token counts.</summary>
    /// <param name="value">The decoded result (a string, a number, a <c>JsonNode</c>, …).</param>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The generated tokens.</param>
    /// <returns>The result.</returns>
    public static Methods.MethodResult MethodResult(object? value, long promptTokens = 0, long completionTokens = 0) =>
        new(value, new Output { Status = Status(StatusCode.Success), PromptTokens = (uint)promptTokens, CompletionTokens = (uint)completionTokens });

    /// <summary>
    /// A model's methods by name, kind and required parameters (<c>("prompt", MethodValueType.Str)</c>); each returns a
    /// <c>str</c> (streamed for generate and stream methods); a stream method streams its first parameter.
    /// </summary>
    /// <param name="methods">The methods.</param>
    /// <returns>The methods; none for a model of the older kind.</returns>
    public static Methods.ModelMethods ModelMethods(params (string Name, Methods.ModelMethodKind Kind, (string Name, Methods.MethodValueType Type)[] Parameters)[] methods) =>
        Methods.ModelMethods.FromProto(methods.Select(m => new MethodSignature
        {
            Name = m.Name,
            MethodType = (RunnerMethodType)(int)m.Kind,
            InputFields = { m.Parameters.Select((p, i) => new ModelTypeField { Name = p.Name, Type = (ModelTypeField.Types.DataType)(int)p.Type, Required = true, Iterator = m.Kind == Methods.ModelMethodKind.Stream && i == 0 }) },
            OutputFields = { new ModelTypeField { Name = "return", Type = ModelTypeField.Types.DataType.Str, Iterator = m.Kind != Methods.ModelMethodKind.Unary } },
        }));

    /// <summary>An operation that has completed with <paramref name="value"/>, as a service's <c>StartTrainingAsync</c> may return it.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The result.</param>
    /// <param name="id">The operation's id.</param>
    /// <returns>The operation.</returns>
    public static ClarifaiOperation<T> CompletedOperation<T>(T value, string id = "fake-operation") => new FixedOperation<T>(id, value, failure: null);

    /// <summary>An operation that has failed with <paramref name="failure"/> (for training, a <see cref="ClarifaiModelTrainingFailedException"/>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="failure">What <c>Value</c> and <c>WaitForCompletionAsync</c> throw.</param>
    /// <param name="id">The operation's id.</param>
    /// <returns>The operation.</returns>
    public static ClarifaiOperation<T> FailedOperation<T>(Exception failure, string id = "fake-operation")
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new FixedOperation<T>(id, default, failure);
    }

    /// <summary>The outcome of one uploaded input, as an upload reports it.</summary>
    /// <param name="input">The input.</param>
    /// <param name="kind">What became of it.</param>
    /// <param name="code">Its status code; by default 30001 for a success, 30002 for a failure, 0 otherwise.</param>
    /// <param name="inputId">Its id; the input's own, or a made-up one.</param>
    /// <param name="attempts">How many times it was sent.</param>
    /// <returns>The outcome.</returns>
    public static UploadOutcome UploadOutcome(NewInput input, UploadOutcomeKind kind, StatusCode? code = null, string? inputId = null, int attempts = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        var statusCode = code ?? kind switch
        {
            UploadOutcomeKind.Succeeded => StatusCode.InputPending,
            UploadOutcomeKind.Failed => StatusCode.InputFailed,
            _ => StatusCode.Zero,
        };
        return new UploadOutcome(input, inputId ?? input.Id ?? Guid.NewGuid().ToString("N"), kind, ClarifaiStatus.FromProto(Status(statusCode)), attempts, deduplicated: false);
    }

    /// <summary>
    /// An upload that yields the given outcomes and then has the summary they add up to, as
    /// <c>clarifai.Uploads.UploadAsync</c> returns it: code that consumes an upload can be tested without a server.
    /// </summary>
    /// <param name="outcomes">The outcomes, in order.</param>
    /// <returns>The upload; like a real one, it can be enumerated once.</returns>
    public static UploadOutcomes UploadOutcomes(params UploadOutcome[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToList();
        return new UploadOutcomes(token => Yield(list, token), () => UploadSummary(list), CancellationToken.None);
    }

    /// <summary>The summary a list of outcomes adds up to (<see cref="Uploads.UploadSummary.RequestsRetried"/> is 0: outcomes do not tell requests).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns>The summary.</returns>
    public static UploadSummary UploadSummary(IEnumerable<UploadOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToList();
        return new UploadSummary(
            list.Count(o => o.Kind == UploadOutcomeKind.Succeeded),
            list.Count(o => o.Kind == UploadOutcomeKind.Failed),
            list.Count(o => o.Kind == UploadOutcomeKind.NotSent),
            list.Where(o => o.Kind == UploadOutcomeKind.Unknown).Select(o => o.InputId).ToImmutableArray(),
            retried: list.Sum(o => Math.Max(0, o.Attempts - 1)),
            deduplicated: list.Count(o => o.Deduplicated),
            bytes: list.Where(o => o.Succeeded).Sum(o => o.Input.ContentLength),
            duration: TimeSpan.Zero,
            skipped: list.Count(o => o.Kind == UploadOutcomeKind.Skipped));
    }

    private static async IAsyncEnumerable<UploadOutcome> Yield(List<UploadOutcome> outcomes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return outcome;
        }
    }
}
