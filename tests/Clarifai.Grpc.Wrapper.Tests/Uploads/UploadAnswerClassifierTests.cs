using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Tests.Support;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Uploads;

/// <summary>The uploader's per-input rules, reached directly: no channels, no server.</summary>
[TestFixture]
public sealed class UploadAnswerClassifierTests
{
    private static Input Answer(StatusCode code) => new() { Id = "a", Status = Responses.Status(code) };

    [TestCase(StatusCode.InputPending, false, true, "Accepted")]
    [TestCase(StatusCode.InputSuccess, true, false, "Accepted")]
    [TestCase(StatusCode.InputDuplicate, true, true, "VerifyDuplicate")]
    [TestCase(StatusCode.InputDuplicate, true, false, "VerifyDuplicate")]
    [TestCase(StatusCode.InputDuplicate, false, true, "Failed")]
    [TestCase(StatusCode.InternalServerIssue, false, true, "Retry")]
    [TestCase(StatusCode.InternalServerIssue, false, false, "Failed")]
    [TestCase(StatusCode.InputInvalidUrl, false, true, "Failed")]
    public void Classify(StatusCode code, bool maybeStored, bool attemptsLeft, string expected) =>
        Assert.That(UploadAnswerClassifier.Classify(Answer(code), maybeStored, attemptsLeft).ToString(), Is.EqualTo(expected));

    [Test]
    public void NoAnswer_IsSentAgain() =>
        Assert.That(UploadAnswerClassifier.Classify(null, maybeStored: false, attemptsLeft: false), Is.EqualTo(UploadVerdict.Retry));

    [TestCase(true, true, UploadOutcomeKind.Unknown)]
    [TestCase(true, false, UploadOutcomeKind.Failed)]
    [TestCase(false, true, UploadOutcomeKind.Failed)]
    public void AfterARequestFailure(bool transient, bool maybeStored, UploadOutcomeKind expected) =>
        Assert.That(UploadAnswerClassifier.AfterRequestFailure(transient, maybeStored), Is.EqualTo(expected));

    [Test]
    public void TheEvidence_ForAnAlreadyExistsAnswer()
    {
        var firstSent = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Input Url(string url, DateTimeOffset created, params string[] concepts)
        {
            var input = new Input { Id = "x", Data = new Data { Image = new Image { Url = url } }, CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(created) };
            foreach (var c in concepts) input.Data.Concepts.Add(new Concept { Id = c, Value = 1 });
            return input;
        }

        Input Bytes(DateTimeOffset created) => new() { Id = "x", Data = new Data { Image = new Image() }, CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(created) };
        var sentUrl = Url("https://e.test/a.jpg", firstSent, "cat");
        var sentBytes = new Input { Id = "x", Data = new Data { Image = new Image { Base64 = Google.Protobuf.ByteString.CopyFrom(1) } } };

        Assert.Multiple(() =>
        {
            Assert.That(DuplicateAnswerResolver.IsSame(sentUrl, Url("https://e.test/a.jpg", firstSent.AddHours(-5), "cat"), firstSent), Is.True, "same URL and concepts: the same input");
            Assert.That(DuplicateAnswerResolver.IsSame(sentUrl, Url("https://e.test/b.jpg", firstSent, "cat"), firstSent), Is.False, "other URL");
            Assert.That(DuplicateAnswerResolver.IsSame(sentUrl, Url("https://e.test/a.jpg", firstSent, "dog"), firstSent), Is.False, "other concepts");
            Assert.That(DuplicateAnswerResolver.IsSame(sentBytes, Bytes(firstSent.AddSeconds(1)), firstSent), Is.True, "bytes created after the first attempt");
            Assert.That(DuplicateAnswerResolver.IsSame(sentBytes, Bytes(firstSent.AddMinutes(-30)), firstSent), Is.False, "bytes created before the upload began");
            Assert.That(DuplicateAnswerResolver.IsSame(sentBytes, new Input { Id = "x", Data = new Data() }, firstSent), Is.False, "no creation time: no evidence");
        });
    }
}
