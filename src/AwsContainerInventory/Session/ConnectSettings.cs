using System;
using System.Collections.Generic;
using System.Security;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// What Connect-AwsInventory was given, as given: lists still comma-separated, switches null when not bound.
    /// <see cref="SessionBuilder"/> resolves it into an <see cref="InventorySession"/>.
    /// </summary>
    internal sealed class ConnectSettings
    {
        /// <summary>An explicit access key id (-AccessKey, or -Credential's user name); with it the keys win over any profile.</summary>
        public string? AccessKey { get; set; }

        public SecureString? SecretKey { get; set; }
        public SecureString? SessionToken { get; set; }

        /// <summary>-ProfileName: its credentials (unless keys are given), and its region and endpoint settings.</summary>
        public string? ProfileName { get; set; }

        /// <summary>-Region as typed; null lets the region chain decide.</summary>
        public IReadOnlyList<string>? Regions { get; set; }

        public IReadOnlyList<string>? RoleArns { get; set; }
        public string? OrganizationRoleName { get; set; }
        public IReadOnlyList<string>? OrganizationalUnitIds { get; set; }
        public IReadOnlyList<string>? ExcludedAccountIds { get; set; }

        /// <summary>"k/n", already checked by the parameter's attribute.</summary>
        public string? Shard { get; set; }

        public int SessionDuration { get; set; } = InventorySession.DefaultSessionDuration;
        public int PageSize { get; set; } = InventorySession.DefaultPageSize;
        public int ParallelRequests { get; set; } = InventorySession.DefaultParallelRequests;
        public int MaxRetries { get; set; } = InventorySession.DefaultMaxRetries;
        public Uri? EndpointUrl { get; set; }

        /// <summary>Null when the switch was not given, so the environment and profile decide; false when given as :$false.</summary>
        public bool? UseFipsEndpoint { get; set; }

        public bool? UseDualStackEndpoint { get; set; }
    }
}
