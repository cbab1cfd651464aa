using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// The <see cref="ClarifaiStatus"/> of each input's answer in one PostInputs response, made once for a run of equal
/// statuses: a batch's answers almost always carry the same one (for example 30001 "Download pending"), and one view
/// per input would be 128 identical objects per request.
/// </summary>
internal struct AnswerStatuses
{
    private ClarifaiStatus? _last;

    public ClarifaiStatus Of(Input answer)
    {
        var status = answer.Status;
        if (_last is { } last && status is not null && last.Code == status.Code && last.Description == status.Description
            && last.Details == status.Details && last.RequestId == status.ReqId)
        {
            return last;
        }

        return _last = ClarifaiStatus.FromProto(status);
    }
}
