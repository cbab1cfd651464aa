namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>The processing state of an input, translated from Clarifai's 300xx status codes.</summary>
public enum InputState
{
    /// <summary>A code that is not an input state.</summary>
    Unknown = 0,

    /// <summary>30001 INPUT_PENDING: accepted, waiting to be processed.</summary>
    Pending,

    /// <summary>30003 INPUT_IN_PROGRESS: being downloaded or processed.</summary>
    InProgress,

    /// <summary>30000 INPUT_SUCCESS: processed and ready for training and search.</summary>
    Processed,

    /// <summary>30002 INPUT_FAILED, or a per-input failure such as 30100 duplicate or 30106 invalid URL.</summary>
    Failed,
}
