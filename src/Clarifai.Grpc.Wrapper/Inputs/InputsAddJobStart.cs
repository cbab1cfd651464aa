namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>What <see cref="InputService.StartAddJobAsync"/> returns: the add's own result, and the job to follow.</summary>
/// <param name="Added">Each input's outcome of the PostInputs call.</param>
/// <param name="Job">The job, whose statistics cover every add made with its id.</param>
public sealed record InputsAddJobStart(AddInputsResult Added, ClarifaiOperation<ClarifaiInputsAddJob> Job);
