using System;

namespace AwsContainerInventory.Session
{
    /// <summary>The organization could not be listed (completely); <see cref="Target"/> is the OU or the caller that failed.</summary>
    internal sealed class OrganizationListingException : Exception
    {
        public OrganizationListingException(string target, string message, AwsServiceException inner) : base(message, inner)
        {
            Target = target;
        }

        public string Target { get; }

        public AwsServiceException Error => (AwsServiceException)InnerException!;
    }
}
