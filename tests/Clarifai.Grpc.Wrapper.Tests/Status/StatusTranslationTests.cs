using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Status;

/// <summary>Every row of the status table, through a real service call over a mocked invoker.</summary>
[TestFixture]
public sealed class StatusTranslationTests
{
    [TestCase(StatusCode.ConnCredentialsInvalid, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ConnInsufficientScopes, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ConnKeyInvalid, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ConnKeyNotFound, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ConnAuthMethodDisabled, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ModelPermissionDenied, typeof(ClarifaiAuthenticationException))]
    [TestCase(StatusCode.ConnExceedHourlyLimit, typeof(ClarifaiThrottledException))]
    [TestCase(StatusCode.ConnExceedMonthlyLimit, typeof(ClarifaiThrottledException))]
    [TestCase(StatusCode.ConnThrottled, typeof(ClarifaiThrottledException))]
    [TestCase(StatusCode.ConnExceedsLimits, typeof(ClarifaiThrottledException))]
    [TestCase(StatusCode.ConnBadRequestFormat, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.ConnInvalidRequest, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.ModelInvalidArgument, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.ModelInvalidRequest, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.InputInvalidArgument, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.InputInvalidRequest, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.PredictInvalidRequest, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.WorkflowInvalidArgument, typeof(ClarifaiInvalidRequestException))]
    [TestCase(StatusCode.ConnDoesNotExist, typeof(ClarifaiNotFoundException))]
    [TestCase(StatusCode.ModelDoesNotExist, typeof(ClarifaiNotFoundException))]
    [TestCase(StatusCode.InputDoesNotExist, typeof(ClarifaiNotFoundException))]
    [TestCase(StatusCode.WorkflowDoesNotExist, typeof(ClarifaiNotFoundException))]
    [TestCase(StatusCode.RpcServerUnavailable, typeof(ClarifaiException))]
    [TestCase(StatusCode.InternalServerIssue, typeof(ClarifaiException))]
    [TestCase(StatusCode.InternalUncategorized, typeof(ClarifaiException))]
    [TestCase(StatusCode.NotImplemented, typeof(ClarifaiException))]
    [TestCase(StatusCode.Failure, typeof(ClarifaiException))]
    [TestCase(StatusCode.MixedStatus, typeof(ClarifaiException))]
    public async Task AnErrorCode_BecomesItsExceptionType_CarryingCodeDescriptionDetailsAndRequestId(StatusCode code, Type expected)
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(
            new SingleModelResponse { Status = Responses.Status(code, "the description", "the details", "req-42") });
        using var client = TestClients.Create(mock, retry: RetrySettings.None);

        var clarifai = (await Assert.ThrowsAsync(Is.InstanceOf<ClarifaiException>(), () => client.Models.GetAsync("pets")) as ClarifaiException)!;

        Assert.Multiple(() =>
        {
            Assert.That(clarifai.GetType(), Is.EqualTo(expected));
            Assert.That(clarifai.Code, Is.EqualTo(code));
            Assert.That(clarifai.Description, Is.EqualTo("the description"));
            Assert.That(clarifai.Details, Is.EqualTo("the details"));
            Assert.That(clarifai.RequestId, Is.EqualTo("req-42"));
            Assert.That(clarifai.Method, Is.EqualTo("GetModel"));
            Assert.That(clarifai.Message, Does.Contain(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("req-42").And.Contain("the details"));
        });
    }

    [TestCase(StatusCode.ModelTrained, ModelVersionState.Trained)]
    [TestCase(StatusCode.ModelTraining, ModelVersionState.Training)]
    [TestCase(StatusCode.ModelUntrained, ModelVersionState.Untrained)]
    [TestCase(StatusCode.ModelQueuedForTraining, ModelVersionState.Queued)]
    [TestCase(StatusCode.ModelUploading, ModelVersionState.Uploading)]
    [TestCase(StatusCode.ModelBuilding, ModelVersionState.Building)]
    [TestCase(StatusCode.ModelUploadingFailed, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingFailed, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelBuildingFailed, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelBuildUnexpectedError, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingNoData, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingNoPositives, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingOneVsNSingleClass, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingTimedOut, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingWaitingError, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingUnknownError, ModelVersionState.Failed)]
    [TestCase((StatusCode)21116, ModelVersionState.Failed)] // MODEL_TRAINING_MSG_REDELIVER, deprecated upstream
    [TestCase(StatusCode.ModelTrainingInsufficientData, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingInvalidParams, ModelVersionState.Failed)]
    [TestCase(StatusCode.ModelTrainingInvalidDataToleranceExceeded, ModelVersionState.Failed)]
    [TestCase(StatusCode.Success, ModelVersionState.Unknown)]
    [TestCase(StatusCode.ModelDoesNotExist, ModelVersionState.Unknown)]
    public async Task AModelVersionCode_BecomesItsState_OnTheTypedVersion(StatusCode code, ModelVersionState expected)
    {
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(Responses.Version("v1", code));
        using var client = TestClients.Create(mock);

        var version = await client.ModelVersions.GetAsync("pets", "v1");

        Assert.Multiple(() =>
        {
            Assert.That(version.State, Is.EqualTo(expected));
            Assert.That(version.Status.Code, Is.EqualTo(code));
            Assert.That(ClarifaiStatusCodes.ToModelVersionState(code), Is.EqualTo(expected));
        });
    }

    [TestCase(StatusCode.InputSuccess, InputState.Processed, false)]
    [TestCase(StatusCode.InputPending, InputState.Pending, false)]
    [TestCase(StatusCode.InputFailed, InputState.Failed, true)]
    [TestCase(StatusCode.InputInProgress, InputState.InProgress, false)]
    [TestCase(StatusCode.InputDuplicate, InputState.Failed, true)]
    [TestCase(StatusCode.InputUnsupportedFormat, InputState.Failed, true)]
    [TestCase(StatusCode.InputOverLimit, InputState.Failed, true)]
    [TestCase(StatusCode.InputInvalidUrl, InputState.Failed, true)]
    [TestCase(StatusCode.DatabaseDuplicateKey, InputState.Unknown, true)]
    public async Task AnInputCode_BecomesItsState_OnTheTypedInput(StatusCode code, InputState expected, bool failed)
    {
        var mock = new MockV2().Returns<GetInputRequest, SingleInputResponse>(Responses.Input("in-1", code));
        using var client = TestClients.Create(mock);

        var input = await client.Inputs.GetAsync("in-1");

        Assert.Multiple(() =>
        {
            Assert.That(input.State, Is.EqualTo(expected));
            Assert.That(input.IsFailed, Is.EqualTo(failed));
            Assert.That(input.Status.Code, Is.EqualTo(code));
        });
    }

    [Test]
    public void EveryCodeOfThePinnedApi_LandsWhereItsNameFamilyAndTheDocumentedRowsSayIt()
    {
        var codes = Clarifai.Api.Status.StatusCodeReflection.Descriptor.EnumTypes[0].Values.Select(v => (StatusCode)v.Number).Distinct().ToList();

        var categories = codes.ToDictionary(c => c, ClarifaiStatusCodes.Categorize);
        var documented = new[] { 10000, 10010, 10020, 11002, 11003, 11004, 11005, 11006, 11007, 11008, 11009, 11100, 11101, 11102, 11200, 21100, 21101, 21102, 21103, 21104, 21105, 21106, 21107, 21110, 21111, 21200, 21202, 21203, 21351, 21354, 21355, 30000, 30001, 30002, 30003, 30100, 30101, 30102, 30104, 30105, 30106, 39999, 40001, 40030, 40031, 40032, 40034, 40035, 98004, 98009, 98014, 99009 };
        // The name families decide for every code outside the documented rows (11009 CONN_KEY_NOT_FOUND is a documented authentication code).
        IEnumerable<StatusCategory> Family(Func<string, bool> name) => codes.Where(c => !documented.Contains((int)c) && name(ClarifaiStatus.NameOf(c))).Select(c => categories[c]).ToList() is { Count: > 0 } found ? found : throw new AssertionException("the family is empty");

        Assert.Multiple(() =>
        {
            Assert.That(codes, Has.Count.GreaterThan(300));
            Assert.That(categories[StatusCode.Success], Is.EqualTo(StatusCategory.Success));
            Assert.That(categories[StatusCode.MixedStatus], Is.EqualTo(StatusCategory.Batch));
            Assert.That(categories[StatusCode.Failure], Is.EqualTo(StatusCategory.Batch));
            Assert.That(categories[StatusCode.ModelTrainingNoPositives], Is.EqualTo(StatusCategory.ModelVersionState));
            Assert.That(categories[StatusCode.InputPending], Is.EqualTo(StatusCategory.InputState));
            Assert.That(categories[StatusCode.InputDuplicate], Is.EqualTo(StatusCategory.ItemFailure));
            Assert.That(categories[StatusCode.RunnerDoesNotExist], Is.EqualTo(StatusCategory.NotFound));
            Assert.That(categories[StatusCode.DeploymentInvalidRequest], Is.EqualTo(StatusCategory.InvalidRequest));
            Assert.That(categories[StatusCode.InternalDatabaseIssue], Is.EqualTo(StatusCategory.ServerError));
            Assert.That(categories[StatusCode.Teapot], Is.EqualTo(StatusCategory.Other));
            // Every code of a name family lands in that family's category, wherever it is in the enum.
            Assert.That(Family(c => c.EndsWith("_DOES_NOT_EXIST", StringComparison.Ordinal) || c.EndsWith("_NOT_FOUND", StringComparison.Ordinal)), Is.All.EqualTo(StatusCategory.NotFound));
            Assert.That(Family(c => c.EndsWith("_PERMISSION_DENIED", StringComparison.Ordinal)), Is.All.EqualTo(StatusCategory.Authentication));
            Assert.That(Family(c => c.EndsWith("_INVALID_REQUEST", StringComparison.Ordinal) || c.Contains("_INVALID_ARGUMENT", StringComparison.Ordinal)), Is.All.EqualTo(StatusCategory.InvalidRequest));
            Assert.That(Family(c => c.StartsWith("INTERNAL_", StringComparison.Ordinal)), Is.All.EqualTo(StatusCategory.ServerError));
            Assert.That(Family(c => c.StartsWith("MODEL_", StringComparison.Ordinal) && ClarifaiStatusCodes.ToModelVersionState(codes.First(x => ClarifaiStatus.NameOf(x) == c)) != ModelVersionState.Unknown), Is.All.EqualTo(StatusCategory.ModelVersionState));
            // The rows of the documented status table (DESIGN.md) are never left to the fallback.
            Assert.That(documented.Where(c => ClarifaiStatusCodes.Categorize((StatusCode)c) == StatusCategory.Other), Is.Empty);
        });
    }

    [TestCase(StatusCode.ConnExceedHourlyLimit, true)]
    [TestCase(StatusCode.ConnThrottled, true)]
    [TestCase(StatusCode.ModelDeploying, true)]
    [TestCase(StatusCode.ModelBusyPleaseRetry, true)]
    [TestCase(StatusCode.ModelLoading, true)]
    [TestCase(StatusCode.RpcRequestQueueFull, true)]
    [TestCase(StatusCode.RpcServerUnavailable, true)]
    [TestCase(StatusCode.RpcRequestTimeout, true)]
    [TestCase(StatusCode.ExternalConnectionError, true)]
    [TestCase(StatusCode.RpcCanceled, true)]
    [TestCase(StatusCode.InternalServerIssue, true)]
    [TestCase(StatusCode.InternalUnexpectedTimeout, true)]
    [TestCase(StatusCode.InternalResourceExhausted, true)]
    [TestCase(StatusCode.InternalUncategorized, true)]
    [TestCase(StatusCode.RpcMaxMessageSizeExceeded, false)]
    [TestCase(StatusCode.ConnExceedMonthlyLimit, false)]
    [TestCase(StatusCode.ConnKeyInvalid, false)]
    [TestCase(StatusCode.ModelDoesNotExist, false)]
    [TestCase(StatusCode.Success, false)]
    public void IsRetryable_FollowsTheTable(StatusCode code, bool retryable) =>
        Assert.That(ClarifaiStatusCodes.IsRetryable(code), Is.EqualTo(retryable));

    [Test]
    public void CodeName_UsesTheProtoName_ForAliasedInputCodes()
    {
        Assert.Multiple(() =>
        {
            // INPUT_DOWNLOAD_SUCCESS and INPUT_DOWNLOAD_FAILED share these numbers (and are deprecated upstream).
            Assert.That(ClarifaiStatus.NameOf((StatusCode)30000), Is.EqualTo("INPUT_SUCCESS"));
            Assert.That(ClarifaiStatus.NameOf((StatusCode)30002), Is.EqualTo("INPUT_FAILED"));
            Assert.That(ClarifaiStatus.NameOf((StatusCode)12345), Is.EqualTo("12345"));
        });
    }

    [Test]
    public async Task AnExceptionMessage_NeverContainsTheApiKey_EvenWhenTheServerEchoesIt()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(new SingleModelResponse
        {
            Status = Responses.Status(StatusCode.ConnKeyInvalid, $"key {TestClients.ApiKey} is invalid", $"got Key {TestClients.ApiKey}"),
        });
        using var client = TestClients.Create(mock);

        var ex = (await Assert.ThrowsAsync<ClarifaiAuthenticationException>(() => client.Models.GetAsync("pets")))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Not.Contain(TestClients.ApiKey));
            Assert.That(ex.Description, Does.Not.Contain(TestClients.ApiKey));
            Assert.That(ex.Details, Does.Not.Contain(TestClients.ApiKey));
            Assert.That(ex.ToString(), Does.Not.Contain(TestClients.ApiKey));
            Assert.That(ex.Details, Does.Contain("***"));
        });
    }
}
