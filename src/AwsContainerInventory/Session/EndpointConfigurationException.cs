using System;

namespace AwsContainerInventory.Session
{
    /// <summary>An endpoint setting that cannot be used; <see cref="Target"/> names the variable, parameter or file.</summary>
    internal sealed class EndpointConfigurationException : Exception
    {
        public EndpointConfigurationException(string message, string target, Exception? inner = null) : base(message, inner) => Target = target;

        public string Target { get; }
    }
}
