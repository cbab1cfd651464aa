using System.Collections.Concurrent;
using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// A PostInputs answerer that behaves like the server: stores inputs by id, answers 30100 for an id it already has,
/// and lets a test script faults per call (lose the answer after storing, fail the call, fail chosen inputs).
/// </summary>
internal sealed class FakeInputStore
{
    private readonly ConcurrentDictionary<string, Input> _stored = new();
    private int _calls;

    public IReadOnlyCollection<string> StoredIds => _stored.Keys.ToList();

    /// <summary>The clock that stamps <c>created_at</c>; the client's, so that creation times compare with its own.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Stores an input as someone else did before the test began (an hour ago).</summary>
    public void Preexisting(Input input)
    {
        var stored = input.Clone();
        stored.CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Time.GetUtcNow().AddHours(-1));
        stored.Status = Responses.Status(StatusCode.InputSuccess);
        _stored[input.Id] = stored;
    }

    /// <summary>ListInputs by ids, as the API answers it: the stored inputs, without their bytes.</summary>
    public AsyncUnaryCall<MultiInputResponse> List(ListInputsRequest request)
    {
        var response = new MultiInputResponse { Status = Responses.Status(StatusCode.Success) };
        foreach (var id in request.Ids)
        {
            if (!_stored.TryGetValue(id, out var input)) continue;
            var copy = input.Clone();
            if (copy.Data?.Image is { } image) image.Base64 = Google.Protobuf.ByteString.Empty;
            response.Inputs.Add(copy);
        }

        return new AsyncUnaryCall<MultiInputResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });
    }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Per call number (1-based): throw this gRPC status instead of answering; the inputs are still stored when <see cref="StoreBeforeFailing"/>.</summary>
    public Func<int, global::Grpc.Core.StatusCode?> FailCall { get; set; } = _ => null;

    public bool StoreBeforeFailing { get; set; }

    /// <summary>Per input id and attempt: a status code to answer instead of storing it.</summary>
    public Func<string, StatusCode?> FailInput { get; set; } = _ => null;

    /// <summary>Runs before each call is answered (for gating tests).</summary>
    public Func<int, Task> BeforeAnswer { get; set; } = _ => Task.CompletedTask;

    public AsyncUnaryCall<MultiInputResponse> Answer(PostInputsRequest request)
    {
        var call = Interlocked.Increment(ref _calls);
        return new AsyncUnaryCall<MultiInputResponse>(AnswerAsync(request, call), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });
    }

    private async Task<MultiInputResponse> AnswerAsync(PostInputsRequest request, int call)
    {
        await BeforeAnswer(call);
        var failure = FailCall(call);
        if (failure is { } code && !StoreBeforeFailing) throw new RpcException(new global::Grpc.Core.Status(code, "scripted"));

        var response = new MultiInputResponse();
        var ok = 0;
        foreach (var input in request.Inputs)
        {
            var answer = new Input { Id = input.Id };
            if (FailInput(input.Id) is { } itemCode)
            {
                answer.Status = Responses.Status(itemCode);
            }
            else if (!_stored.TryAdd(input.Id, Stamped(input)))
            {
                answer.Status = Responses.Status(StatusCode.InputDuplicate, details: "id exists");
            }
            else
            {
                answer.Status = Responses.Status(StatusCode.InputPending);
                ok++;
            }

            response.Inputs.Add(answer);
        }

        if (failure is { } lost) throw new RpcException(new global::Grpc.Core.Status(lost, "scripted after storing"));
        response.Status = Responses.Status(ok == request.Inputs.Count ? StatusCode.Success : ok == 0 ? StatusCode.Failure : StatusCode.MixedStatus);
        return response;
    }

    private Input Stamped(Input input)
    {
        var stored = input.Clone();
        stored.CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Time.GetUtcNow());
        stored.Status = Responses.Status(StatusCode.InputPending);
        return stored;
    }
}
