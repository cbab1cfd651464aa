using System.Collections.Frozen;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The one table that translates Clarifai status codes: what each code means (the exception it becomes), whether a
/// call that answered it may be retried (<see cref="IsRetryable"/>), and the model version and input states.
/// </summary>
/// <remarks>
/// The explicit rows follow Clarifai's documentation. Every other code of the pinned API is placed by its protobuf
/// name (<c>…_DOES_NOT_EXIST</c> → not found, <c>…_INVALID_ARGUMENT</c> / <c>…_INVALID_REQUEST</c> → invalid request,
/// <c>…_PERMISSION_DENIED</c> → authentication), so that a code added by a newer API version still lands somewhere
/// sensible; what remains becomes a plain <see cref="ClarifaiException"/>.
/// </remarks>
public static class ClarifaiStatusCodes
{
    private static readonly FrozenDictionary<StatusCode, StatusCategory> Explicit = new Dictionary<StatusCode, StatusCategory>
    {
        [StatusCode.Success] = StatusCategory.Success,
        [StatusCode.MixedStatus] = StatusCategory.Batch,
        [StatusCode.Failure] = StatusCategory.Batch,

        [StatusCode.ConnAccountIssues] = StatusCategory.Authentication,
#pragma warning disable CS0612 // deprecated upstream, but older servers still answer it
        [StatusCode.ConnTokenInvalid] = StatusCategory.Authentication,
#pragma warning restore CS0612
        [StatusCode.ConnCredentialsInvalid] = StatusCategory.Authentication,
        [StatusCode.ConnInsufficientScopes] = StatusCategory.Authentication,
        [StatusCode.ConnKeyInvalid] = StatusCategory.Authentication,
        [StatusCode.ConnKeyNotFound] = StatusCategory.Authentication,
        [StatusCode.ConnAuthMethodDisabled] = StatusCategory.Authentication,

        [StatusCode.ConnExceedHourlyLimit] = StatusCategory.Throttled,
        [StatusCode.ConnExceedMonthlyLimit] = StatusCategory.Throttled,
        [StatusCode.ConnThrottled] = StatusCategory.Throttled,
        [StatusCode.ConnExceedsLimits] = StatusCategory.Throttled,

        [StatusCode.ConnBadRequestFormat] = StatusCategory.InvalidRequest,
        [StatusCode.ConnInvalidRequest] = StatusCategory.InvalidRequest,
        [StatusCode.ModelInvalidArgument] = StatusCategory.InvalidRequest,
        [StatusCode.ModelInvalidRequest] = StatusCategory.InvalidRequest,
        [StatusCode.InputInvalidArgument] = StatusCategory.InvalidRequest,
        [StatusCode.InputInvalidRequest] = StatusCategory.InvalidRequest,
        [StatusCode.PredictInvalidRequest] = StatusCategory.InvalidRequest,
        [StatusCode.RpcMaxMessageSizeExceeded] = StatusCategory.InvalidRequest,
        [StatusCode.BadRequest] = StatusCategory.InvalidRequest,

        [StatusCode.ConnDoesNotExist] = StatusCategory.NotFound,
        [StatusCode.ModelDoesNotExist] = StatusCategory.NotFound,
        [StatusCode.InputDoesNotExist] = StatusCategory.NotFound,

        [StatusCode.InputSuccess] = StatusCategory.InputState,
        [StatusCode.InputPending] = StatusCategory.InputState,
        [StatusCode.InputFailed] = StatusCategory.InputState,
        [StatusCode.InputInProgress] = StatusCategory.InputState,

        [StatusCode.InputDuplicate] = StatusCategory.ItemFailure,
        [StatusCode.InputUnsupportedFormat] = StatusCategory.ItemFailure,
        [StatusCode.InputOverLimit] = StatusCategory.ItemFailure,
        [StatusCode.InputInvalidUrl] = StatusCategory.ItemFailure,

        [StatusCode.ModelPredictionFailed] = StatusCategory.ModelFailed,

        [StatusCode.ModelDeploying] = StatusCategory.ServerError,
        [StatusCode.ModelBusyPleaseRetry] = StatusCategory.ServerError,
        [StatusCode.ModelLoading] = StatusCategory.ServerError,
        [StatusCode.TryAgain] = StatusCategory.ServerError,
        [StatusCode.RpcRequestQueueFull] = StatusCategory.ServerError,
        [StatusCode.RpcServerUnavailable] = StatusCategory.ServerError,
        [StatusCode.RpcRequestTimeout] = StatusCategory.ServerError,
        [StatusCode.ExternalConnectionError] = StatusCategory.ServerError,
        [StatusCode.RpcCanceled] = StatusCategory.ServerError,
        [StatusCode.InternalServerIssue] = StatusCategory.ServerError,
        [StatusCode.InternalUnexpectedTimeout] = StatusCategory.ServerError,
        [StatusCode.InternalRedisUnavailable] = StatusCategory.ServerError,
        [StatusCode.InternalResourceExhausted] = StatusCategory.ServerError,
        [StatusCode.InternalUncategorized] = StatusCategory.ServerError,
        [StatusCode.ServerError] = StatusCategory.ServerError,
    }.ToFrozenDictionary();

    /// <summary>
    /// Codes after which the same request may be sent again: the server refused or could not do the work this time
    /// (throttling, a model still deploying or busy, server-side transient errors). 11004 (monthly limit) and
    /// 11006 (limits exceeded) are throttling too but do not clear within a call's lifetime, so they are not retried.
    /// </summary>
    private static readonly FrozenSet<StatusCode> Retryable = new[]
    {
        StatusCode.ConnExceedHourlyLimit, StatusCode.ConnThrottled,
        StatusCode.ModelDeploying, StatusCode.ModelBusyPleaseRetry, StatusCode.ModelLoading,
        StatusCode.TryAgain,
        StatusCode.RpcRequestQueueFull, StatusCode.RpcServerUnavailable, StatusCode.RpcRequestTimeout,
        StatusCode.ExternalConnectionError, StatusCode.RpcCanceled,
        StatusCode.InternalServerIssue, StatusCode.InternalUnexpectedTimeout, StatusCode.InternalRedisUnavailable,
        StatusCode.InternalResourceExhausted, StatusCode.InternalUncategorized,
    }.ToFrozenSet();

    /// <summary>
    /// Codes that say the server refused the request before doing any of its work, so that even a request which is
    /// not idempotent may be sent again.
    /// </summary>
    private static readonly FrozenSet<StatusCode> RefusedBeforeWork = new[]
    {
        StatusCode.ConnExceedHourlyLimit, StatusCode.ConnThrottled, StatusCode.RpcRequestQueueFull,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<StatusCode, StatusCategory> ByName = BuildNameRules();

    /// <summary>What a status code means to a caller.</summary>
    /// <param name="code">A Clarifai status code.</param>
    /// <returns>Its category; <see cref="StatusCategory.Other"/> for codes the table does not place.</returns>
    internal static StatusCategory Categorize(StatusCode code)
    {
        if (Explicit.TryGetValue(code, out var category)) return category;
        if (ToModelVersionState(code) != ModelVersionState.Unknown) return StatusCategory.ModelVersionState;
        return ByName.TryGetValue(code, out category) ? category : StatusCategory.Other;
    }

    /// <summary>
    /// Whether a call answered with this code may be sent again after a backoff: 11003, 11005 (throttling),
    /// 21351, 21354, 21355 (model deploying, busy, loading), 10030 and the server-side transient codes
    /// (40030–40032, 40034, 40035, 98004, 98009, 98013, 98014, 99009). 40033 (message too large) is permanent.
    /// </summary>
    /// <param name="code">A Clarifai status code.</param>
    /// <returns><see langword="true"/> if a retry may succeed.</returns>
    public static bool IsRetryable(StatusCode code) => Retryable.Contains(code);

    /// <summary>
    /// Whether the code says the request was refused before the server did any of its work (throttling, a full
    /// request queue), so that a request that is not idempotent may be retried too.
    /// </summary>
    /// <param name="code">A Clarifai status code.</param>
    /// <returns><see langword="true"/> if the request had no effect.</returns>
    internal static bool IsRefusedBeforeWork(StatusCode code) => RefusedBeforeWork.Contains(code);

    /// <summary>
    /// Whether the code says the model cannot answer yet — 21351 deploying, 21354 busy, 21355 loading — so the call may
    /// be sent again once it has started (see <see cref="ModelWarmUpSettings"/>); the request did no work.
    /// </summary>
    internal static bool IsModelNotReady(StatusCode code) =>
        code is StatusCode.ModelDeploying or StatusCode.ModelBusyPleaseRetry or StatusCode.ModelLoading;

    /// <summary>Translates a model version status code (211xx) into a <see cref="ModelVersionState"/>.</summary>
    /// <param name="code">The code of a model version's status.</param>
    /// <returns>The state; <see cref="ModelVersionState.Unknown"/> for codes that are not model version states.</returns>
    public static ModelVersionState ToModelVersionState(StatusCode code) => code switch
    {
        StatusCode.ModelTrained => ModelVersionState.Trained,
        StatusCode.ModelTraining => ModelVersionState.Training,
        StatusCode.ModelUntrained => ModelVersionState.Untrained,
        StatusCode.ModelQueuedForTraining => ModelVersionState.Queued,
        StatusCode.ModelUploading => ModelVersionState.Uploading,
        StatusCode.ModelBuilding => ModelVersionState.Building,
        StatusCode.ModelUploadingFailed or StatusCode.ModelTrainingFailed => ModelVersionState.Failed,
        >= StatusCode.ModelBuildingFailed and <= StatusCode.ModelTrainingInvalidDataToleranceExceeded => ModelVersionState.Failed,
        _ => ModelVersionState.Unknown,
    };

    /// <summary>Translates an evaluation's status code (213xx) into an <see cref="EvaluationState"/>.</summary>
    /// <param name="code">The code of an evaluation's status.</param>
    /// <returns>
    /// 21303 → <see cref="EvaluationState.Queued"/>, 21301 → <see cref="EvaluationState.Evaluating"/>, 21300 →
    /// <see cref="EvaluationState.Evaluated"/>, 21302 → <see cref="EvaluationState.NotEvaluated"/>, 21310–21317 →
    /// <see cref="EvaluationState.Failed"/>; anything else <see cref="EvaluationState.Unknown"/>.
    /// </returns>
    public static EvaluationState ToEvaluationState(StatusCode code) => code switch
    {
        StatusCode.ModelQueuedForEvaluation => EvaluationState.Queued,
        StatusCode.ModelEvaluating => EvaluationState.Evaluating,
        StatusCode.ModelEvaluated => EvaluationState.Evaluated,
        StatusCode.ModelNotEvaluated => EvaluationState.NotEvaluated,
        >= StatusCode.ModelEvaluationTimedOut and <= StatusCode.ModelEvaluationFailed => EvaluationState.Failed,
        _ => EvaluationState.Unknown,
    };

    /// <summary>Translates an input status code into an <see cref="InputState"/>.</summary>
    /// <param name="code">The code of an input's status.</param>
    /// <returns>
    /// 30000 → <see cref="InputState.Processed"/>, 30001 → <see cref="InputState.Pending"/>, 30003 →
    /// <see cref="InputState.InProgress"/>, 30002 and per-input failures (30100, 30101, 30105, 30106, …) →
    /// <see cref="InputState.Failed"/>; anything else <see cref="InputState.Unknown"/>.
    /// </returns>
    public static InputState ToInputState(StatusCode code) => code switch
    {
        StatusCode.InputSuccess => InputState.Processed,
        StatusCode.InputPending => InputState.Pending,
        StatusCode.InputInProgress => InputState.InProgress,
        StatusCode.InputFailed => InputState.Failed,
        _ when Categorize(code) is StatusCategory.ItemFailure or StatusCategory.InvalidRequest => InputState.Failed,
        _ => InputState.Unknown,
    };

    private static FrozenDictionary<StatusCode, StatusCategory> BuildNameRules()
    {
        var rules = new Dictionary<StatusCode, StatusCategory>();
        foreach (var (code, name) in StatusCodeNames.Declared)
        {
            StatusCategory? category =
                name.EndsWith("_DOES_NOT_EXIST", StringComparison.Ordinal) || name.EndsWith("_NOT_FOUND", StringComparison.Ordinal) ? StatusCategory.NotFound
                : name.EndsWith("_PERMISSION_DENIED", StringComparison.Ordinal) ? StatusCategory.Authentication
                : name.Contains("_INVALID_ARGUMENT", StringComparison.Ordinal) || name.EndsWith("_INVALID_REQUEST", StringComparison.Ordinal) ? StatusCategory.InvalidRequest
                : name.StartsWith("INTERNAL_", StringComparison.Ordinal) ? StatusCategory.ServerError
                : null;
            if (category is { } c) rules.TryAdd(code, c);
        }

        return rules.ToFrozenDictionary();
    }
}
