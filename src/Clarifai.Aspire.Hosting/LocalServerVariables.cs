namespace Aspire.Hosting.ApplicationModel;

/// <summary>The environment variables the local server reads its keys from (<c>clarifai-local-server --help</c>).</summary>
internal static class LocalServerVariables
{
    public const string Key = "CLARIFAI_LOCAL_SERVER_KEY";

    public const string AppKey = "CLARIFAI_LOCAL_SERVER_APP_KEY";
}
