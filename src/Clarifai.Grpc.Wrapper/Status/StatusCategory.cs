namespace Clarifai.Grpc.Wrapper;

/// <summary>What a Clarifai status code means to a caller: how the library translates it.</summary>
internal enum StatusCategory
{
    /// <summary>A code the table does not place; errors of this kind surface as a plain <see cref="ClarifaiException"/>.</summary>
    Other = 0,

    /// <summary>10000: the call did what was asked.</summary>
    Success,

    /// <summary>10010 or 10020 on a batch call: some or all items failed; each item carries its own status.</summary>
    Batch,

    /// <summary>A state of a model version (21100–21119): trained, training, queued, failed, …</summary>
    ModelVersionState,

    /// <summary>A state of an input (30000–30003): processed, pending, in progress, failed.</summary>
    InputState,

    /// <summary>Bad, missing or insufficient credentials, or no permission: <see cref="ClarifaiAuthenticationException"/>.</summary>
    Authentication,

    /// <summary>Rate or usage limits: <see cref="ClarifaiThrottledException"/>.</summary>
    Throttled,

    /// <summary>The request is malformed or its arguments are invalid: <see cref="ClarifaiInvalidRequestException"/>.</summary>
    InvalidRequest,

    /// <summary>The addressed resource does not exist: <see cref="ClarifaiNotFoundException"/>.</summary>
    NotFound,

    /// <summary>A server-side transient or internal error; retried, then a <see cref="ClarifaiException"/>.</summary>
    ServerError,

    /// <summary>The model failed on the input (21313): <see cref="ClarifaiModelFailedException"/>.</summary>
    ModelFailed,

    /// <summary>A per-item failure in a batch (duplicate, unsupported format, invalid URL, …).</summary>
    ItemFailure,
}
