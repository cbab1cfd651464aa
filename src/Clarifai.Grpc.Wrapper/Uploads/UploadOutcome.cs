namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>The outcome of one input of an upload, paired with the input, so that failures can be sent again.</summary>
public sealed class UploadOutcome
{
    internal UploadOutcome(NewInput input, string inputId, UploadOutcomeKind kind, ClarifaiStatus status, int attempts, bool deduplicated)
    {
        Input = input;
        InputId = inputId;
        Kind = kind;
        Status = status;
        Attempts = attempts;
        Deduplicated = deduplicated;
    }

    /// <summary>The input as it came from the source.</summary>
    public NewInput Input { get; }

    /// <summary>The id the input was uploaded with (the caller's, or one the uploader chose).</summary>
    public string InputId { get; }

    /// <summary>What became of the input.</summary>
    public UploadOutcomeKind Kind { get; }

    /// <summary>Whether the input is on Clarifai.</summary>
    public bool Succeeded => Kind == UploadOutcomeKind.Succeeded;

    /// <summary>The last status the input got: its own from PostInputs (or from processing), or the whole request's.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>How many times the input was sent.</summary>
    public int Attempts { get; }

    /// <summary>
    /// Whether a re-sent request found the input already there (an earlier attempt of this upload had added it
    /// although its answer was lost): counted as one success, never as a duplicate.
    /// </summary>
    public bool Deduplicated { get; }

    /// <inheritdoc />
    public override string ToString() => $"{InputId}: {Kind} after {Attempts} attempt(s) ({Status})";
}
