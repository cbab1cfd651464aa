namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Clarifai's public models (the app <c>clarifai/main</c>) as the API serves them to every app: a model id the
/// request's app does not have is looked up there, so a key reaches <c>general-image-recognition</c> without naming
/// <c>clarifai/main</c>; and the General model's legacy id, the one in the official clients' READMEs and test suites,
/// names the built-in image model.
/// </summary>
internal static class PublicModels
{
    /// <summary>The legacy id of Clarifai's General image model.</summary>
    public const string LegacyGeneralModelId = "aaa03c23b3724a16a56b629203edc62c";

    /// <summary>The id a public model has in <c>clarifai/main</c> (legacy ids mapped to today's).</summary>
    public static string Canonical(string modelId) => modelId == LegacyGeneralModelId ? "general-image-recognition" : modelId;
}
