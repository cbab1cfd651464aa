using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Model evaluations: PostEvaluations (and the older PostModelVersionEvaluations) queue one per message — 21303, then
/// 21300 with the figures of <see cref="ModelEvaluator"/> (k-fold cross-validation by the model's own trainer) — on the
/// ground-truth dataset (or dataset version) when the message names one, else on every input labelled with the model's
/// concepts; an evaluation id already in use is evaluated again, as Clarifai's SDK documents. GetEvaluation,
/// GetModelVersionEvaluation, ListEvaluations, ListModelVersionEvaluations (newest first) and GetModelVersionMetrics
/// read them: the summary, plus the parts <see cref="FieldsValue"/> asks for. An unknown evaluation is 11101.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiEvalMetricsResponse> PostEvaluations(PostEvaluationsRequest request, ServerCallContext context) =>
        Task.FromResult(StartEvaluations(AppOf(context), request.EvalMetrics, modelId: null, versionId: null));

    public override Task<MultiEvalMetricsResponse> PostModelVersionEvaluations(PostModelVersionEvaluationsRequest request, ServerCallContext context) =>
        Task.FromResult(StartEvaluations(AppOf(context), request.EvalMetrics.Count == 0 ? [new EvalMetrics()] : request.EvalMetrics, request.ModelId, request.ModelVersionId));

    public override Task<SingleEvalMetricsResponse> GetEvaluation(GetEvaluationRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Evaluations.TryGetValue(request.EvaluationId, out var record)
                ? new SingleEvalMetricsResponse { Status = Statuses.Of(StatusCode.Success), EvalMetrics = Trim(record, request.Fields) }
                : new SingleEvalMetricsResponse { Status = NoEvaluation(request.EvaluationId) });
        }
    }

    public override Task<SingleEvalMetricsResponse> GetModelVersionEvaluation(GetModelVersionEvaluationRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Evaluations.TryGetValue(request.EvaluationId, out var record) && Evaluates(record, request.ModelId, request.ModelVersionId)
                ? new SingleEvalMetricsResponse { Status = Statuses.Of(StatusCode.Success), EvalMetrics = Trim(record, request.Fields) }
                : new SingleEvalMetricsResponse { Status = NoEvaluation(request.EvaluationId) });
        }
    }

    public override Task<MultiEvalMetricsResponse> ListModelVersionEvaluations(ListModelVersionEvaluationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (VersionOf(app, request.ModelId, request.ModelVersionId) is { } refusal) return Task.FromResult(new MultiEvalMetricsResponse { Status = refusal });
            var newestFirst = app.EvaluationOrder.AsEnumerable().Reverse().Select(id => app.Evaluations[id]).Where(r => Evaluates(r, request.ModelId, request.ModelVersionId)).ToList();
            var response = new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var record in PageSlice.Of(newestFirst, request.Page, request.PerPage)) response.EvalMetrics.Add(Trim(record, null));
            return Task.FromResult(response);
        }
    }

    public override Task<MultiEvalMetricsResponse> ListEvaluations(ListEvaluationsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            IEnumerable<EvalMetrics> records = app.EvaluationOrder.Select(id => app.Evaluations[id])
                .Where(r => request.ShowFailedMetrics || !IsFailed(r.Status.Code))
                .Where(r => request.ModelTypeId.Length == 0 || ModelOf(app, r)?.Proto.ModelTypeId == request.ModelTypeId)
                .Where(r => request.EvalDatasetIds.Count == 0 || request.EvalDatasetIds.Contains(r.GroundTruthDataset?.Id ?? string.Empty))
                .Where(r => request.ConceptIds.Count == 0 || (ModelOf(app, r)?.Concepts.Any(request.ConceptIds.Contains) ?? false));

            // Oldest first when ascending, newest first otherwise; the figures' orders put the unevaluated last either way.
            Func<EvalMetrics, float>? figure = request.SortByCase switch
            {
                ListEvaluationsRequest.SortByOneofCase.SortByRocAuc => r => r.Summary?.MacroAvgRocAuc ?? float.NaN,
                ListEvaluationsRequest.SortByOneofCase.SortByF1 => r => r.Summary?.MacroAvgF1Score ?? float.NaN,
                ListEvaluationsRequest.SortByOneofCase.SortByPrecision => r => r.Summary?.MacroAvgPrecision ?? float.NaN,
                ListEvaluationsRequest.SortByOneofCase.SortByRecall => r => r.Summary?.MacroAvgRecall ?? float.NaN,
                _ => null,
            };
            records = request.SortByCase switch
            {
                _ when figure is not null => request.SortAscending ? records.OrderBy(figure) : records.OrderByDescending(figure),
                ListEvaluationsRequest.SortByOneofCase.SortByModelId => request.SortAscending ? records.OrderBy(r => r.Model?.Id, StringComparer.Ordinal) : records.OrderByDescending(r => r.Model?.Id, StringComparer.Ordinal),
                ListEvaluationsRequest.SortByOneofCase.SortByEvalDatasetId => request.SortAscending ? records.OrderBy(r => r.GroundTruthDataset?.Id, StringComparer.Ordinal) : records.OrderByDescending(r => r.GroundTruthDataset?.Id, StringComparer.Ordinal),
                _ => request.SortAscending ? records : records.Reverse(),
            };

            var response = new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var record in PageSlice.Of(records.ToList(), request.Page, request.PerPage)) response.EvalMetrics.Add(Trim(record, null));
            return Task.FromResult(response);
        }
    }

    public override Task<SingleModelVersionResponse> GetModelVersionMetrics(GetModelVersionMetricsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (VersionOf(app, request.ModelId, request.VersionId) is { } refusal) return Task.FromResult(new SingleModelVersionResponse { Status = refusal });
            var version = app.Models[request.ModelId].Versions.First(v => v.Id == request.VersionId).ToProto();

            // The version's latest evaluation, or 21302 when it has none.
            var latest = app.EvaluationOrder.AsEnumerable().Reverse().Select(id => app.Evaluations[id]).FirstOrDefault(r => Evaluates(r, request.ModelId, request.VersionId));
            version.Metrics = latest is null ? new EvalMetrics { Status = Statuses.Of(StatusCode.ModelNotEvaluated) } : Trim(latest, request.Fields);
            return Task.FromResult(new SingleModelVersionResponse { Status = Statuses.Of(StatusCode.Success), ModelVersion = version });
        }
    }

    /// <summary>Checks every message, then records and queues them all (or none).</summary>
    private MultiEvalMetricsResponse StartEvaluations(AppData app, Google.Protobuf.Collections.RepeatedField<EvalMetrics> given, string? modelId, string? versionId)
    {
        if (given.Count == 0) return new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, "No evaluation to run: eval_metrics is empty") };
        var jobs = new List<EvaluationJob>();
        lock (app.Gate)
        {
            foreach (var message in given)
            {
                var record = message.Clone();
                record.Model ??= new Model();
                if (modelId is not null) record.Model.Id = modelId;
                if (versionId is not null) (record.Model.ModelVersion ??= new ModelVersion()).Id = versionId;
                var version = record.Model.ModelVersion?.Id ?? string.Empty;
                if (VersionOf(app, record.Model.Id, version) is { } refusal) return new MultiEvalMetricsResponse { Status = refusal };
                var model = app.Models[record.Model.Id];
                if (model.BuiltIn is not null || model.Concepts.Count == 0)
                {
                    return new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.ModelEvaluationFailed, $"Model '{model.Id}' is not a classifier trained on the app's inputs; only such models are evaluated here") };
                }

                var state = model.Versions.First(v => v.Id == version).State;
                if (state != StatusCode.ModelTrained)
                {
                    return new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.ModelEvaluationFailed, $"Model '{model.Id}' version '{version}' is not trained ({(int)state} {state}); train it before evaluating") };
                }

                IReadOnlyList<string>? inputs = null;
                if (record.GroundTruthDataset is { Id.Length: > 0 } dataset)
                {
                    if (!app.Datasets.TryGetValue(dataset.Id, out var stored)) return new MultiEvalMetricsResponse { Status = NoDataset(dataset.Id) };
                    var datasetVersion = dataset.Version?.Id ?? string.Empty;
                    if (datasetVersion.Length == 0) inputs = [.. stored.InputIds];
                    else if (stored.Versions.FirstOrDefault(v => v.Version.Id == datasetVersion) is { Version: not null } frozen) inputs = frozen.InputIds;
                    else return new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"Dataset '{dataset.Id}' has no version '{datasetVersion}'") };
                    dataset.AppId = app.AppId;
                    dataset.UserId = app.UserId;
                }

                if (record.Id.Length == 0) record.Id = NewId();
                else if (!IsValidId(record.Id)) return new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.ConnInvalidRequest, $"'{record.Id}' is not a valid evaluation id") };
                record.UserId = app.UserId;
                record.AppId = app.AppId;
                record.Model.UserId = app.UserId;
                record.Model.AppId = app.AppId;
                record.Status = Statuses.Of(StatusCode.ModelQueuedForEvaluation);
                jobs.Add(new EvaluationJob(app, model, record, inputs));
            }

            var response = new MultiEvalMetricsResponse { Status = Statuses.Of(StatusCode.Success) };
            foreach (var job in jobs)
            {
                app.Evaluations[job.Record.Id] = job.Record;
                app.EvaluationOrder.Remove(job.Record.Id);
                app.EvaluationOrder.Add(job.Record.Id);
                response.EvalMetrics.Add(job.Record.Clone());
            }

            foreach (var job in jobs) _evaluations.Enqueue(job);
            return response;
        }
    }

    /// <summary>The refusal when the app has no such model or version, else null. Called under the app's lock.</summary>
    private static Clarifai.Api.Status.Status? VersionOf(AppData app, string modelId, string versionId) =>
        !app.Models.TryGetValue(modelId, out var model) ? Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{modelId}'")
        : versionId.Length == 0 ? Statuses.Of(StatusCode.ModelInvalidArgument, $"Name the version of model '{modelId}' to evaluate (model.model_version.id)")
        : model.Versions.All(v => v.Id != versionId) ? Statuses.Of(StatusCode.ModelDoesNotExist, $"Model '{modelId}' has no version '{versionId}'")
        : null;

    private static StoredModel? ModelOf(AppData app, EvalMetrics record) => app.Models.GetValueOrDefault(record.Model?.Id ?? string.Empty);

    private static bool Evaluates(EvalMetrics record, string modelId, string versionId) =>
        record.Model?.Id == modelId && record.Model.ModelVersion?.Id == versionId;

    private static bool IsFailed(StatusCode code) => code is >= StatusCode.ModelEvaluationTimedOut and <= StatusCode.ModelEvaluationFailed;

    /// <summary>A copy with the summary and only the parts <paramref name="fields"/> asks for, as the API answers.</summary>
    private static EvalMetrics Trim(EvalMetrics record, FieldsValue? fields)
    {
        var copy = record.Clone();
        fields ??= new FieldsValue();
        if (!fields.ConfusionMatrix) copy.ConfusionMatrix = null;
        if (!fields.CooccurrenceMatrix) copy.CooccurrenceMatrix = null;
        if (!fields.LabelCounts) copy.LabelCounts = null;
        if (!fields.BinaryMetrics) copy.BinaryMetrics.Clear();
        if (!fields.TestSet) copy.TestSet.Clear();
        if (!fields.MetricsByArea) copy.MetricsByArea.Clear();
        if (!fields.MetricsByClass) copy.MetricsByClass.Clear();
        return copy;
    }

    private static Clarifai.Api.Status.Status NoEvaluation(string id) => Statuses.Of(StatusCode.ConnDoesNotExist, $"No evaluation with id '{id}'");
}
