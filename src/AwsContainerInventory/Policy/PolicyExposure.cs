using System;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>What one reading of a repository policy found: whether, why and how openly it is public.</summary>
    internal sealed class PolicyExposure
    {
        public static readonly PolicyExposure NotPublic = new PolicyExposure(new ValueList<PublicStatement>(Array.Empty<PublicStatement>()));

        public PolicyExposure(ValueList<PublicStatement> publicStatements)
        {
            PublicStatements = publicStatements;
        }

        /// <summary>The Allow statements with a wildcard principal, in document order; empty when none.</summary>
        public ValueList<PublicStatement> PublicStatements { get; }

        /// <summary>The contract's IS_PUBLIC rule.</summary>
        public bool IsPublic => PublicStatements.Count > 0;

        /// <summary>True when some public statement has no condition narrowing who can call.</summary>
        public bool IsPublicUnconditionally => PublicStatements.Any(s => !s.NarrowsPrincipal);
    }
}
