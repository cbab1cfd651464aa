using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Operations;

/// <summary>A model evaluation as an operation: what is sent, the polls, the figures read at the end, failures, rehydration.</summary>
[TestFixture]
public sealed class EvaluationOperationTests
{
    [Test]
    public async Task AnEvaluation_IsStartedAsTheSdkDoes_ThenPolledUntilEvaluated_WithItsConceptFigures()
    {
        var mock = new MockV2()
            .Returns<PostEvaluationsRequest, MultiEvalMetricsResponse>(new MultiEvalMetricsResponse { Status = Ok(), EvalMetrics = { Metrics("e1", StatusCode.ModelQueuedForEvaluation) } })
            .Returns<GetEvaluationRequest, SingleEvalMetricsResponse>(
                new SingleEvalMetricsResponse { Status = Ok(), EvalMetrics = Metrics("e1", StatusCode.ModelEvaluating) },
                new SingleEvalMetricsResponse { Status = Ok(), EvalMetrics = Metrics("e1", StatusCode.ModelEvaluated, ("warm", 0.9f)) });
        var time = new InstantTimeProvider();
        using var client = TestClients.Create(mock, time);

        var evaluation = await client.Evaluations.EvaluateAsync("palette", "v1", new EvaluationOptions { DatasetId = "truth", DatasetVersionId = "dv", EvaluationId = "e1" });

        var sent = ((PostEvaluationsRequest)mock.Calls[0].Request).EvalMetrics.Single();
        var polls = mock.Calls.Skip(1).Select(c => (GetEvaluationRequest)c.Request).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((sent.Id, sent.Model.Id, sent.Model.ModelVersion.Id), Is.EqualTo(("e1", "palette", "v1")));
            Assert.That((sent.GroundTruthDataset.Id, sent.GroundTruthDataset.Version.Id), Is.EqualTo(("truth", "dv")));
            Assert.That(polls.Select(p => (p.EvaluationId, p.Fields.BinaryMetrics, p.Fields.TestSet)), Is.All.EqualTo(("e1", true, false)), "the figures per concept, not the test set");
            Assert.That(evaluation.State, Is.EqualTo(EvaluationState.Evaluated));
            Assert.That(evaluation.Concepts.Single().ConceptId, Is.EqualTo("warm"));
            Assert.That(time.Delays, Has.Count.EqualTo(2));
        });
    }

    [TestCase(StatusCode.ModelEvaluationNeedInputs)]
    [TestCase(StatusCode.ModelEvaluationNeedLabels)]
    [TestCase(StatusCode.ModelEvaluationFailed)]
    public async Task AFailedEvaluation_EndsTheWait_WithItsCode(StatusCode code)
    {
        var mock = new MockV2().Returns<GetEvaluationRequest, SingleEvalMetricsResponse>(new SingleEvalMetricsResponse { Status = Ok(), EvalMetrics = Metrics("e2", code) });
        using var client = TestClients.Create(mock, new InstantTimeProvider());

        var operation = client.Evaluations.Operation("e2");
        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => operation.WaitForCompletionAsync());

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo(code));
            Assert.That(operation.HasCompleted, Is.True);
            Assert.That(operation.Id, Is.EqualTo("e2"));
        });
    }

    [TestCase(StatusCode.ModelQueuedForEvaluation, EvaluationState.Queued, false)]
    [TestCase(StatusCode.ModelEvaluating, EvaluationState.Evaluating, false)]
    [TestCase(StatusCode.ModelEvaluated, EvaluationState.Evaluated, true)]
    [TestCase(StatusCode.ModelNotEvaluated, EvaluationState.NotEvaluated, false)]
    [TestCase(StatusCode.ModelEvaluationTimedOut, EvaluationState.Failed, true)]
    [TestCase(StatusCode.ModelEvaluationUnknownError, EvaluationState.Failed, true)]
    [TestCase(StatusCode.ModelEvaluationFailed, EvaluationState.Failed, true)]
    [TestCase(StatusCode.ModelTrained, EvaluationState.Unknown, false)]
    public void AnEvaluationCode_BecomesItsState(StatusCode code, EvaluationState expected, bool final)
    {
        var evaluation = new ClarifaiEvaluation(Metrics("e", code));

        Assert.That((evaluation.State, evaluation.IsFinal, ClarifaiStatusCodes.ToEvaluationState(code)), Is.EqualTo((expected, final, expected)));
    }

    [Test]
    public async Task BadInput_IsRefusedBeforeAnyCall()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        await Assert.MultipleAsync(async () =>
        {
            await Assert.ThrowsAsync<ArgumentException>(() => client.Evaluations.StartAsync("palette", "v1", new EvaluationOptions { DatasetVersionId = "dv" }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Evaluations.StartAsync("palette", "bad id"));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Evaluations.GetAsync(""));
            Assert.Throws<ArgumentException>(() => client.Evaluations.ListAsync("palette", " "));
            Assert.That(mock.Calls, Is.Empty);
        });
    }

    [Test]
    public void TheFake_IsAnEvaluatedEvaluation_WithItsMeans()
    {
        var fake = ClarifaiFakes.Evaluation("palette", "v1", ("warm", 1f, 0.8f), ("cold", 0.5f, 0.4f));

        Assert.That((fake.State, fake.RocAuc, fake.F1, fake.Concepts.Count), Is.EqualTo((EvaluationState.Evaluated, 0.75f, 0.6f, 2)));
    }

    private static Clarifai.Api.Status.Status Ok() => new() { Code = StatusCode.Success };

    private static EvalMetrics Metrics(string id, StatusCode code, params (string Concept, float RocAuc)[] concepts) => new()
    {
        Id = id,
        Status = new Clarifai.Api.Status.Status { Code = code },
        Model = new Model { Id = "palette", ModelVersion = new ModelVersion { Id = "v1" } },
        BinaryMetrics = { concepts.Select(c => new BinaryMetrics { Concept = new Concept { Id = c.Concept }, RocAuc = c.RocAuc }) },
    };
}
