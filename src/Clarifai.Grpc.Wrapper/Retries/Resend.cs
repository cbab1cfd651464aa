namespace Clarifai.Grpc.Wrapper;

/// <summary>When a request of an RPC may be sent a second time after a transient failure.</summary>
internal enum Resend
{
    /// <summary>Always: the RPC changes nothing (a read, a search, a prediction).</summary>
    Always,

    /// <summary>When every input of the request carries an id: a resend then meets "already exists" instead of adding copies.</summary>
    WhenEveryInputHasAnId,

    /// <summary>Only when the failure proves the first request had no effect (<see cref="RetryPolicy.HadNoEffect"/>).</summary>
    OnlyWithoutEffect,
}
