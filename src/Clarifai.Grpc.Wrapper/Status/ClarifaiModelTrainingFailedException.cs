namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Training a model version ended in a failure state (21105, 21106, 21108–21119: for example 21110 no data or
/// 21111 no positive examples). <see cref="ClarifaiException.Code"/> says which; <see cref="ModelVersion"/> holds
/// the version as last seen.
/// </summary>
public class ClarifaiModelTrainingFailedException : ClarifaiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ClarifaiModelTrainingFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ClarifaiModelTrainingFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClarifaiModelTrainingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a model version whose training failed.</summary>
    /// <param name="modelVersion">The version as last seen, in state <see cref="ModelVersionState.Failed"/>.</param>
    public ClarifaiModelTrainingFailedException(ClarifaiModelVersion modelVersion)
        : base((modelVersion ?? throw new ArgumentNullException(nameof(modelVersion))).Status, "training of model " + modelVersion.ModelId + " version " + modelVersion.Id)
    {
        ModelVersion = modelVersion;
    }

    /// <summary>The model version as last seen, when known.</summary>
    public ClarifaiModelVersion? ModelVersion { get; }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
