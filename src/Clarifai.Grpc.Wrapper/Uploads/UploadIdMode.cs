namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>How the uploader names inputs that have no client id. Every uploaded input carries an id, so a re-sent batch can never create a copy.</summary>
public enum UploadIdMode
{
    /// <summary>A random id (32 hex digits) per input.</summary>
    Random,

    /// <summary>
    /// An id derived from the content (SHA-256 of the bytes or the URL, 32 hex digits): the same image always gets the
    /// same id, so uploading it again — in this run or a later one — fails as a duplicate instead of adding a copy.
    /// </summary>
    ContentHash,
}
