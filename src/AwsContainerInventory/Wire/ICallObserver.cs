using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>Told about each call and each retry so -Verbose and -Debug can report them. Called from worker threads: implementations queue.</summary>
    internal interface ICallObserver
    {
        /// <summary>A call is about to be sent (once per call, whatever its retries).</summary>
        void OnCall(AwsRequest request);

        void OnRetry(AwsRequest request, int attempt, TimeSpan delay, string reason);
    }
}
