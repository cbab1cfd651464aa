using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>
/// What PostInputs answered: the call's status (10000 success, 10010 mixed, 10020 all failed) and every input with its
/// own status, in the order they were given. Nothing is hidden: check <see cref="AllSucceeded"/> or <see cref="Failed"/>.
/// </summary>
public sealed class AddInputsResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="status">The status of the call.</param>
    /// <param name="inputs">Each input as the API returned it.</param>
    public AddInputsResult(ClarifaiStatus status, IEnumerable<ClarifaiInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(inputs);
        Status = status;
        Inputs = inputs.ToImmutableArray();
    }

    /// <summary>The status of the whole call.</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>Each input, in request order, with its own status.</summary>
    public ImmutableArray<ClarifaiInput> Inputs { get; }

    /// <summary>Whether every input was accepted.</summary>
    public bool AllSucceeded => Status.IsSuccess && !Inputs.Any(i => i.IsFailed);

    /// <summary>The inputs that were not accepted, each with the reason in its <see cref="ClarifaiInput.Status"/>.</summary>
    public IEnumerable<ClarifaiInput> Failed => Inputs.Where(i => i.IsFailed);

    /// <inheritdoc />
    public override string ToString() => $"AddInputsResult({Status.CodeName}: {Inputs.Length} inputs, {Inputs.Count(i => i.IsFailed)} failed)";
}
