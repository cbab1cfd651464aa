using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Runs model evaluations in the background: 21303 queued → 21301 evaluating → 21300 evaluated, or 21315/21316 when
/// the inputs cannot support one. Like the trainer, waits for the app's pending inputs first. The figures come from
/// <see cref="ModelEvaluator"/> on the inputs the evaluation names (a dataset or dataset version), else on every
/// input labelled with the model's concepts.
/// </summary>
internal sealed class EvaluationRunner : BackgroundService
{
    private readonly Channel<EvaluationJob> _queue = Channel.CreateUnbounded<EvaluationJob>();

    /// <summary>Queues an evaluation whose record the app already holds (status 21303).</summary>
    public void Enqueue(EvaluationJob job) => _queue.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ModelTrainer.WaitForPendingInputsAsync(job.App, stoppingToken).ConfigureAwait(false);
                Run(job);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Computes the evaluation and stores its outcome in its record.</summary>
    internal static void Run(EvaluationJob job)
    {
        List<LabelledExample> examples;
        lock (job.App.Gate)
        {
            job.Record.Status = Statuses.Of(StatusCode.ModelEvaluating);
            var inputs = job.InputIds is null
                ? job.App.Inputs.Values
                : job.InputIds.Where(job.App.Inputs.ContainsKey).Select(id => job.App.Inputs[id]);
            examples = ModelTrainer.Examples(inputs, job.Model);
        }

        var (metrics, code, details) = ModelEvaluator.Evaluate(examples, job.Model.Concepts);
        lock (job.App.Gate)
        {
            // The record holds only what the request said (id, model, dataset, info): the figures merge into it.
            if (metrics is not null) job.Record.MergeFrom(metrics);
            job.Record.Status = Statuses.Of(code, details);
        }
    }
}
