using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.IntegrationTests;

/// <summary>
/// The custom-model story's next step, evaluation, through the library's <see cref="EvaluationService"/> against the
/// local server: figures from held-out predictions of the model's own trainer, on the app's labelled inputs or a
/// dataset version, read back in parts as the API's <c>FieldsValue</c> asks.
/// </summary>
[TestFixture]
public sealed class EvaluationsTests : SharedEmulatorFixture
{
    [Test]
    public async Task ASeparableModel_EvaluatesWell_OnHeldOutPredictions()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var version = await TrainPaletteAsync(clarifai, warm: 10, cold: 10);

        var evaluation = await clarifai.Evaluations.EvaluateAsync("palette", version, new EvaluationOptions { EvaluationId = "first" });
        var detailed = await clarifai.Evaluations.GetAsync("first", EvaluationDetails.All);
        var summaryOnly = await clarifai.Evaluations.GetAsync("first");
        var listed = new List<ClarifaiEvaluation>();
        await foreach (var e in clarifai.Evaluations.ListAsync("palette", version)) listed.Add(e);
        var metrics = await clarifai.Api.GetModelVersionMetricsAsync(new GetModelVersionMetricsRequest { ModelId = "palette", VersionId = version });

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.State, Is.EqualTo(EvaluationState.Evaluated));
            Assert.That((evaluation.Id, evaluation.ModelId, evaluation.ModelVersionId, evaluation.DatasetId), Is.EqualTo(("first", "palette", version, (string?)null)));
            Assert.That(evaluation.RocAuc, Is.GreaterThanOrEqualTo(0.9f), "warm and cold scenes are told apart on inputs the fold did not learn from");
            Assert.That(evaluation.F1, Is.GreaterThanOrEqualTo(0.8f));
            Assert.That(evaluation.Concepts.Select(c => (c.ConceptId, c.Positives, c.Negatives)), Is.EquivalentTo(new[] { ("warm", 10, 10), ("cold", 10, 10) }));
            Assert.That(evaluation.Concepts.Select(c => c.Proto.RocCurve.Tpr.Count), Is.All.GreaterThan(1), "a curve, not a point");
            Assert.That(detailed.Proto.TestSet, Has.Count.EqualTo(20));
            Assert.That(detailed.Proto.TestSet.Select(t => t.GroundTruthConcepts.Single().Id).Distinct(), Is.EquivalentTo(new[] { "warm", "cold" }));
            Assert.That(detailed.Proto.LabelCounts.PositiveLabelCounts.Select(l => (l.Concept.Id, l.Count)), Is.EquivalentTo(new[] { ("warm", 10u), ("cold", 10u) }));
            Assert.That(detailed.Proto.ConfusionMatrix.Matrix.Where(m => m.Actual == m.Predicted).Select(m => m.Value), Is.All.GreaterThanOrEqualTo(0.8f));
            Assert.That(detailed.Proto.CooccurrenceMatrix.Matrix.Where(m => m.Row != m.Col), Is.Empty, "no scene is both");
            Assert.That((summaryOnly.Proto.TestSet.Count, summaryOnly.Concepts.Count, summaryOnly.Proto.ConfusionMatrix), Is.EqualTo((0, 0, (ConfusionMatrix?)null)), "the summary only, unless asked");
            Assert.That(summaryOnly.RocAuc, Is.EqualTo(evaluation.RocAuc));
            Assert.That(listed.Select(e => e.Id), Is.EqualTo(new[] { "first" }));
            Assert.That(metrics.ModelVersion.Metrics.Status.Code, Is.EqualTo(StatusCode.ModelEvaluated));
            Assert.That(metrics.ModelVersion.Metrics.Summary.MacroAvgRocAuc, Is.EqualTo(evaluation.RocAuc));
        });
    }

    [Test]
    public async Task ADatasetVersion_IsEvaluatedOnTheInputsItFroze()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        var version = await TrainPaletteAsync(clarifai, warm: 8, cold: 8);
        await clarifai.Datasets.CreateAsync("ground-truth");
        await clarifai.Datasets.AddInputsAsync("ground-truth", [.. Enumerable.Range(0, 4).Select(i => "warm-" + i), .. Enumerable.Range(0, 4).Select(i => "cold-" + i)]);
        var frozen = await clarifai.Datasets.CreateVersionAsync("ground-truth");
        await clarifai.Datasets.AddInputsAsync("ground-truth", ["warm-5", "cold-5"]);

        var onVersion = await clarifai.Evaluations.EvaluateAsync("palette", version, new EvaluationOptions { DatasetId = "ground-truth", DatasetVersionId = frozen.Id });
        var onDataset = await clarifai.Evaluations.EvaluateAsync("palette", version, new EvaluationOptions { DatasetId = "ground-truth" });

        Assert.Multiple(() =>
        {
            Assert.That(onVersion.DatasetId, Is.EqualTo("ground-truth"));
            Assert.That(onVersion.Concepts.Select(c => c.Proto.NumTot), Is.All.EqualTo(8u), "the 8 inputs frozen in the version");
            Assert.That(onDataset.Concepts.Select(c => c.Proto.NumTot), Is.All.EqualTo(10u), "the dataset as it is now");
        });
    }

    [Test]
    public async Task WhatCannotBeEvaluated_IsRefusedOrFails_WithTheApisCodes()
    {
        using var clarifai = EmulatorClients.Create(Emulator);
        await clarifai.Inputs.AddAsync([EmulatorClients.Scene(ScenePalette.Warm, 1).WithConcepts("warm"), EmulatorClients.Scene(ScenePalette.Warm, 2).WithConcepts("warm")]);
        await clarifai.Models.CreateAsync("only-warm", ["warm"], new CreateModelOptions { ClosedEnvironment = true });
        var untrained = (await clarifai.Models.GetAsync("only-warm")).LatestVersion!.Id;
        var notTrained = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Evaluations.StartAsync("only-warm", untrained));
        var trained = await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("only-warm"));

        var noNegatives = await Assert.ThrowsAsync<ClarifaiException>(() => clarifai.Evaluations.EvaluateAsync("only-warm", trained.Id));
        var noModel = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Evaluations.StartAsync("nope", trained.Id));
        var noEvaluation = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Evaluations.GetAsync("nope"));
        var noDataset = await Assert.ThrowsAsync<ClarifaiNotFoundException>(() => clarifai.Evaluations.StartAsync("only-warm", trained.Id, new EvaluationOptions { DatasetId = "nope" }));
        var versionWithoutDataset = Assert.Throws<ArgumentException>(() => clarifai.Evaluations.StartAsync("only-warm", trained.Id, new EvaluationOptions { DatasetVersionId = "v" }).GetAwaiter().GetResult());

        Assert.Multiple(() =>
        {
            Assert.That(notTrained!.Code, Is.EqualTo(StatusCode.ModelEvaluationFailed));
            Assert.That(notTrained.Message, Does.Contain("not trained"));
            Assert.That(noNegatives!.Code, Is.EqualTo(StatusCode.ModelEvaluationNeedInputs));
            Assert.That(noNegatives.Message, Does.Contain("'warm'"));
            Assert.That(noModel!.Code, Is.EqualTo(StatusCode.ModelDoesNotExist));
            Assert.That(noEvaluation!.Code, Is.EqualTo(StatusCode.ConnDoesNotExist));
            Assert.That(noDataset!.Code, Is.EqualTo(StatusCode.ConnDoesNotExist));
            Assert.That(versionWithoutDataset!.ParamName, Is.EqualTo("options"));
        });
    }

    /// <summary>Adds warm scenes (ids warm-i) and cold scenes (cold-i), labelled by palette; trains a mutually exclusive warm/cold model.</summary>
    /// <returns>The trained version's id.</returns>
    private static async Task<string> TrainPaletteAsync(ClarifaiClient clarifai, int warm, int cold)
    {
        var inputs = Enumerable.Range(0, warm).Select(i => EmulatorClients.Scene(ScenePalette.Warm, i).WithId("warm-" + i).WithConcepts("warm"))
            .Concat(Enumerable.Range(0, cold).Select(i => EmulatorClients.Scene(ScenePalette.Cold, 1000 + i).WithId("cold-" + i).WithConcepts("cold")));
        await clarifai.Inputs.AddAsync(inputs);
        await clarifai.Models.CreateAsync("palette", ["warm", "cold"], new CreateModelOptions { ConceptsMutuallyExclusive = true });
        return (await clarifai.ModelVersions.WaitForTrainingAsync(await clarifai.ModelVersions.TrainAsync("palette"))).Id;
    }
}
