using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>An inputs-add job followed by GetInputsAddJob polls; its <see cref="Id"/> is the job id.</summary>
internal sealed class InputsAddJobOperation : PolledOperation<ClarifaiInputsAddJob>
{
    private readonly ClarifaiCallExecutor _executor;
    private readonly string _jobId;
    private readonly CallSettings? _settings;
    private ClarifaiInputsAddJob? _current;

    public InputsAddJobOperation(ClarifaiCallExecutor executor, string jobId, PollingSettings polling, CallSettings? settings)
        : base(polling, executor.Time)
    {
        _executor = executor;
        _jobId = jobId;
        _settings = settings;
    }

    public override string Id => _jobId;

    public override bool HasCompleted => _current?.IsFinished == true;

    public override ClarifaiInputsAddJob Value => _current switch
    {
        { IsFinished: false } or null => throw new InvalidOperationException($"The inputs-add job {_jobId} has not completed."),
        { Status.Code: StatusCode.JobCompleted } job => job,
        var job => throw ClarifaiExceptionFactory.Create(job.Status, "inputs-add job " + _jobId),
    };

    public override async Task UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await _executor.CallAsync(ClarifaiRpcs.GetInputsAddJob, new GetInputsAddJobRequest { Id = _jobId }, _settings, cancellationToken).ConfigureAwait(false);
        _current = new ClarifaiInputsAddJob(response.InputsAddJob ?? new InputsAddJob { Id = _jobId });
    }

    protected override string Progress => $"inputs-add job {_jobId}: {_current}";

    /// <summary>The job's state is unknown until the first poll.</summary>
    protected override bool StartsKnown => false;
}
