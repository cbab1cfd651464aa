using Clarifai.Api;
using ClarifaiStatusProto = Clarifai.Api.Status.Status;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>Canned Clarifai responses.</summary>
internal static class Responses
{
    public static ClarifaiStatusProto Status(StatusCode code, string description = "", string details = "", string reqId = "req-test") =>
        new() { Code = code, Description = description.Length > 0 ? description : ClarifaiStatus.NameOf(code), Details = details, ReqId = reqId };

    public static MultiInputResponse Inputs(StatusCode code, params (string Id, StatusCode Code)[] inputs)
    {
        var response = new MultiInputResponse { Status = Status(code) };
        foreach (var (id, itemCode) in inputs) response.Inputs.Add(new Input { Id = id, Status = Status(itemCode) });
        return response;
    }

    public static SingleInputResponse Input(string id, StatusCode state) =>
        new() { Status = Status(StatusCode.Success), Input = new Input { Id = id, Status = Status(state) } };

    public static SingleModelResponse Model(string id, StatusCode versionState, string versionId = "v1") => new()
    {
        Status = Status(StatusCode.Success),
        Model = new Model { Id = id, ModelTypeId = "embedding-classifier", ModelVersion = new ModelVersion { Id = versionId, Status = Status(versionState) } },
    };

    public static SingleModelVersionResponse Version(string id, StatusCode state) =>
        new() { Status = Status(StatusCode.Success), ModelVersion = new ModelVersion { Id = id, Status = Status(state) } };

    public static MultiOutputResponse Outputs(StatusCode code, params (StatusCode Code, (string Id, float Value)[] Concepts)[] outputs)
    {
        var response = new MultiOutputResponse { Status = Status(code) };
        foreach (var (itemCode, concepts) in outputs)
        {
            var output = new Output
            {
                Status = Status(itemCode),
                Model = new Model { Id = "pets", ModelVersion = new ModelVersion { Id = "v7" } },
                Data = new Data(),
            };
            foreach (var (id, value) in concepts) output.Data.Concepts.Add(new Concept { Id = id, Name = id, Value = value });
            response.Outputs.Add(output);
        }

        return response;
    }

    public static T WithStatus<T>(T response, StatusCode code, string details = "")
        where T : Google.Protobuf.IMessage
    {
        var field = response.Descriptor.FindFieldByName("status");
        field.Accessor.SetValue(response, Status(code, details: details));
        return response;
    }
}
