using System;
using System.Management.Automation;

namespace AwsContainerInventory.Session
{
    /// <summary>Settings that cannot make a session; <see cref="ErrorRecord"/> is what Connect-AwsInventory stops with.</summary>
    internal sealed class InvalidSessionSettingsException : Exception
    {
        public InvalidSessionSettingsException(ErrorRecord errorRecord) : base(errorRecord.Exception.Message, errorRecord.Exception) =>
            ErrorRecord = errorRecord;

        public ErrorRecord ErrorRecord { get; }
    }
}
