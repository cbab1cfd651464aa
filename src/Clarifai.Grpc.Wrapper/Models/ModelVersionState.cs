namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>The training state of a model version, translated from Clarifai's 211xx status codes.</summary>
public enum ModelVersionState
{
    /// <summary>A code that is not a model version state.</summary>
    Unknown = 0,

    /// <summary>21102 MODEL_UNTRAINED: the version exists but was never trained.</summary>
    Untrained,

    /// <summary>21103 MODEL_QUEUED_FOR_TRAINING: training was requested and waits for a trainer.</summary>
    Queued,

    /// <summary>21101 MODEL_TRAINING: training is running.</summary>
    Training,

    /// <summary>21104 MODEL_UPLOADING: the model is being uploaded.</summary>
    Uploading,

    /// <summary>21107 MODEL_BUILDING: the model is being built.</summary>
    Building,

    /// <summary>21100 MODEL_TRAINED: the version is ready to predict.</summary>
    Trained,

    /// <summary>21105, 21106, 21108–21119: uploading, building or training failed; the status code says why.</summary>
    Failed,
}
