using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>Told about each call and each retry so -Verbose and -Debug can report them. Called from worker threads: implementations queue.</summary>
    internal interface ICallObserver
    {
        /// <summary>A call is about to be sent (once per call, whatever its retries).</summary>
        void OnCall(AwsRequest request);

        void OnRetry(AwsRequest request, int attempt, TimeSpan delay, string reason);

        /// <summary>Whether <see cref="OnAnswered"/> is wanted for the next call: asked as each call is made.</summary>
        bool WantsAnswers { get; }

        /// <summary>A call has its answer, or has failed for good (only for calls made while <see cref="WantsAnswers"/>).</summary>
        void OnAnswered(AwsRequest request);
    }
}
