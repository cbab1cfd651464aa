using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The answers of <see cref="EmulatorOptions.Sink"/> mode: success at once, nothing stored. They have the shape of the
/// real answers (one entry per input with its id and status, a batch status), so a client does all of its usual work.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    private static readonly Model SinkModel = new() { Id = "sink", ModelVersion = new ModelVersion { Id = "sink-version" } };

    private MultiInputResponse SinkAnswer(PostInputsRequest request)
    {
        var response = new MultiInputResponse { Status = Statuses.Of(StatusCode.Success) };
        var now = Now();
        foreach (var input in request.Inputs)
        {
            response.Inputs.Add(new Input { Id = input.Id.Length > 0 ? input.Id : NewId(), CreatedAt = now, Status = Statuses.Of(StatusCode.InputPending) });
        }

        return response;
    }

    private MultiOutputResponse SinkAnswer(PostModelOutputsRequest request)
    {
        var response = new MultiOutputResponse { Status = Statuses.Of(StatusCode.Success) };
        var now = Now();
        foreach (var input in request.Inputs)
        {
            response.Outputs.Add(new Output
            {
                Id = NewId(),
                Status = Statuses.Of(StatusCode.Success),
                CreatedAt = now,
                Model = SinkModel,
                Input = new Input { Id = input.Id },
                Data = new Data
                {
                    Concepts =
                    {
                        new Concept { Id = "warm", Name = "warm", Value = 0.9f, AppId = "sink" },
                        new Concept { Id = "cold", Name = "cold", Value = 0.1f, AppId = "sink" },
                    },
                },
            });
        }

        return response;
    }
}
