using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// An inputs-add job: the statistics Clarifai keeps for every input added with the same <c>inputs_add_job_id</c>
/// (pending, in progress, succeeded, failed), and the job's state (64000 queued, 64001 running, 64002 completed,
/// 64003 failed, 64004 cancelled).
/// </summary>
public sealed class ClarifaiInputsAddJob
{
    /// <summary>Wraps a job message.</summary>
    /// <param name="proto">The job.</param>
    public ClarifaiInputsAddJob(InputsAddJob proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
    }

    /// <summary>The job's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The job's status (64000–64004).</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Inputs not yet processed.</summary>
    public ulong Pending => Proto.Progress?.PendingCount ?? 0;

    /// <summary>Inputs being processed.</summary>
    public ulong InProgress => Proto.Progress?.InProgressCount ?? 0;

    /// <summary>Inputs processed successfully.</summary>
    public ulong Succeeded => Proto.Progress?.SuccessCount ?? 0;

    /// <summary>Inputs whose processing failed.</summary>
    public ulong Failed => Proto.Progress?.FailedCount ?? 0;

    /// <summary>Whether the job has ended: completed, failed or cancelled.</summary>
    public bool IsFinished => Status.Code is StatusCode.JobCompleted or StatusCode.JobFailed or StatusCode.JobCancelled;

    /// <summary>The message as the API returned it.</summary>
    public InputsAddJob Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Inputs-add job {Id}: {Status.CodeName}; {Succeeded} succeeded, {Failed} failed, {Pending + InProgress} pending";
}
