using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>PostInputs, GetInput, ListInputs, DeleteInputs, DeleteInput.</summary>
internal sealed partial class EmulatedV2Service
{
    public override Task<MultiInputResponse> PostInputs(PostInputsRequest request, ServerCallContext context)
    {
        if (CheckInputCount(request.Inputs.Count) is { } refused) return Task.FromResult(new MultiInputResponse { Status = refused });
        if (_sink) return Task.FromResult(SinkAnswer(request));
        var app = AppOf(context);

        var response = new MultiInputResponse();
        var accepted = 0;
        foreach (var input in request.Inputs)
        {
            var (answer, url, allowDuplicateUrl) = Shape(input);
            var stored = answer.Status is null ? app.AddInput(answer, url, allowDuplicateUrl, request.InputsAddJobId, _faults.NextInputFails) : null;
            response.Inputs.Add(answer);
            if (stored is null) continue;
            accepted++;
            _processor.Enqueue(app, stored, input.Data.Image is { Url.Length: 0 } image ? image.Base64 : null);
        }

        response.Status = Statuses.ForBatch(accepted, request.Inputs.Count);
        return Task.FromResult(response);
    }

    /// <summary>
    /// The answer for one input as the request gives it (without image bytes, with its creation time), and its URL;
    /// the answer's status is already set when the input's shape is refused: an image or a text, by exactly one of URL
    /// and content, an image at most 20 MB. The app's own rules are <see cref="AppData.AddInput"/>'s.
    /// </summary>
    private (Input Answer, string Url, bool AllowDuplicateUrl) Shape(Input input)
    {
        var answer = input.Clone();
        answer.Data ??= new Data();
        var isText = answer.Data.Text is not null;
        if (!isText) answer.Data.Image ??= new Image();
        var image = answer.Data.Image;
        var url = isText ? answer.Data.Text!.Url : image.Url;
        var hasUrl = url.Length > 0;
        var hasBytes = isText ? answer.Data.Text!.Raw.Length > 0 : !image.Base64.IsEmpty;
        if (!isText) image.Base64 = Google.Protobuf.ByteString.Empty; // answers never echo an image back
        answer.CreatedAt = Now();

        if (isText && answer.Data.Image is not null)
        {
            answer.Status = Statuses.Of(StatusCode.InputInvalidArgument, "An input is an image or a text, not both");
        }
        else if (hasUrl == hasBytes)
        {
            answer.Status = Statuses.Of(StatusCode.InputInvalidArgument, isText ? "A text input needs exactly one of raw and url" : "An image input needs exactly one of url and base64");
        }
        else if (hasBytes && !isText && input.Data.Image.Base64.Length > MaxImageBytes)
        {
            answer.Status = Statuses.Of(StatusCode.InputOverLimit, $"The image is {input.Data.Image.Base64.Length} bytes; the limit is {MaxImageBytes} bytes (20 MB)");
        }

        return (answer, url, isText ? answer.Data.Text!.AllowDuplicateUrl : image.AllowDuplicateUrl);
    }

    public override Task<SingleInputResponse> GetInput(GetInputRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            return Task.FromResult(app.Inputs.TryGetValue(request.InputId, out var input)
                ? new SingleInputResponse { Status = Statuses.Of(StatusCode.Success), Input = input.ToProto() }
                : new SingleInputResponse { Status = Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{request.InputId}'") });
        }
    }

    public override Task<MultiInputResponse> ListInputs(ListInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var response = new MultiInputResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            var ids = (request.Ids.Count > 0 ? request.Ids.Where(app.Inputs.ContainsKey) : app.InputOrder).ToList();
            foreach (var id in PageSlice.Of(ids, request.Page, request.PerPage)) response.Inputs.Add(app.Inputs[id].ToProto());
        }

        return Task.FromResult(response);
    }

    /// <summary>An inputs-add job's statistics over the inputs added under its id (deleted ones count as failed).</summary>
    public override Task<SingleInputsAddJobResponse> GetInputsAddJob(GetInputsAddJobRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        lock (app.Gate)
        {
            if (!app.AddJobs.TryGetValue(request.Id, out var job))
            {
                return Task.FromResult(new SingleInputsAddJobResponse { Status = Statuses.Of(StatusCode.ConnDoesNotExist, $"No inputs-add job with id '{request.Id}'") });
            }

            var progress = new InputsAddJobProgress();
            foreach (var id in job.InputIds)
            {
                var state = app.Inputs.TryGetValue(id, out var input) ? input.State : StatusCode.InputFailed;
                switch (state)
                {
                    case StatusCode.InputPending: progress.PendingCount++; break;
                    case StatusCode.InputInProgress: progress.InProgressCount++; break;
                    case StatusCode.InputSuccess: progress.SuccessCount++; break;
                    default: progress.FailedCount++; break;
                }
            }

            var done = progress.PendingCount + progress.InProgressCount == 0;
            return Task.FromResult(new SingleInputsAddJobResponse
            {
                Status = Statuses.Of(StatusCode.Success),
                InputsAddJob = new InputsAddJob
                {
                    Id = request.Id,
                    Progress = progress,
                    CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(job.CreatedAt),
                    Status = Statuses.Of(done ? StatusCode.JobCompleted : StatusCode.JobRunning),
                },
            });
        }
    }

    /// <summary>Inputs after a cursor (<c>last_id</c>), by id or by the order they were added, at most 1000 (default 20) at a time.</summary>
    public override Task<MultiInputResponse> StreamInputs(StreamInputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        var size = request.PerPage == 0 ? 20 : (int)Math.Min(request.PerPage, PageSlice.MaxPerPage);
        var response = new MultiInputResponse { Status = Statuses.Of(StatusCode.Success) };
        lock (app.Gate)
        {
            IEnumerable<string> ids = request.OrderById ? app.Inputs.Keys.Order(StringComparer.Ordinal) : app.InputOrder;
            if (request.Descending) ids = ids.Reverse();
            if (request.LastId.Length > 0)
            {
                var last = request.LastId;
                ids = request.OrderById
                    ? ids.Where(id => request.Descending ? string.CompareOrdinal(id, last) < 0 : string.CompareOrdinal(id, last) > 0)
                    : ids.SkipWhile(id => id != last).Skip(1);
            }

            foreach (var id in ids.Take(size)) response.Inputs.Add(app.Inputs[id].ToProto());
        }

        return Task.FromResult(response);
    }

    public override Task<Clarifai.Api.Status.BaseResponse> DeleteInputs(DeleteInputsRequest request, ServerCallContext context)
    {
        AppOf(context).DeleteInputs(request.Ids);
        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }

    /// <summary>Deletes one input; an id the app does not hold is 30102 INPUT_DOES_NOT_EXIST (the plural form ignores such ids).</summary>
    public override Task<Clarifai.Api.Status.BaseResponse> DeleteInput(DeleteInputRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        bool exists;
        lock (app.Gate) exists = app.Inputs.ContainsKey(request.InputId);
        if (!exists) return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.InputDoesNotExist, $"No input with id '{request.InputId}'") });
        app.DeleteInputs([request.InputId]);
        return Task.FromResult(new Clarifai.Api.Status.BaseResponse { Status = Statuses.Of(StatusCode.Success) });
    }
}
