using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>What to do with one input after a PostInputs answer.</summary>
internal enum UploadVerdict
{
    /// <summary>Stored (or pending processing): a success.</summary>
    Accepted,

    /// <summary>"Already exists" after an earlier attempt (of this run, or of an earlier run of a job whose ids are content hashes) that may have stored it: ours or not is decided from evidence.</summary>
    VerifyDuplicate,

    /// <summary>Send it again: the server did not answer for it, or answered a transient code.</summary>
    Retry,

    /// <summary>Refused for good.</summary>
    Failed,
}

/// <summary>The uploader's per-input rules, as pure functions that tests reach without channels or a server.</summary>
internal static class UploadAnswerClassifier
{
    /// <summary>The answer for the input at <paramref name="index"/>: by position when the counts agree (Clarifai keeps the order), else by id.</summary>
    public static Input? AnswerFor(MultiInputResponse response, IReadOnlyList<UploadItem> pending, int index)
    {
        if (response.Inputs.Count == pending.Count && response.Inputs[index].Id == pending[index].Id) return response.Inputs[index];
        return response.Inputs.FirstOrDefault(i => i.Id == pending[index].Id);
    }

    /// <summary>The verdict for an input whose answer is <paramref name="answer"/> (null: none).</summary>
    /// <param name="answer">The server's answer for the input, if any.</param>
    /// <param name="maybeStored">Whether an earlier attempt may have stored it: one of this run whose answer was lost, or any earlier run when the id is the content's hash.</param>
    /// <param name="attemptsLeft">Whether another attempt is allowed.</param>
    public static UploadVerdict Classify(Input? answer, bool maybeStored, bool attemptsLeft)
    {
        if (answer is null) return UploadVerdict.Retry;
        var code = answer.Status?.Code ?? StatusCode.Zero;
        if (!ClarifaiInput.IsFailure(code)) return UploadVerdict.Accepted;
        if (maybeStored && code is StatusCode.InputDuplicate or StatusCode.DatabaseDuplicateKey) return UploadVerdict.VerifyDuplicate;
        return ClarifaiStatusCodes.IsRetryable(code) && attemptsLeft ? UploadVerdict.Retry : UploadVerdict.Failed;
    }

    /// <summary>
    /// The outcome of an input whose request failed as a whole and will not be sent again: unknown when the failure
    /// was transient and some attempt may have reached the server, else failed.
    /// </summary>
    public static UploadOutcomeKind AfterRequestFailure(bool transient, bool maybeStored) =>
        transient && maybeStored ? UploadOutcomeKind.Unknown : UploadOutcomeKind.Failed;

    /// <summary>The outcome of an input that cannot be sent (again) because the breaker is open.</summary>
    public static UploadOutcomeKind WhenCircuitOpen(UploadItem item) =>
        item.MaybeStored ? UploadOutcomeKind.Unknown : item.Attempts == 0 ? UploadOutcomeKind.NotSent : UploadOutcomeKind.Failed;
}
