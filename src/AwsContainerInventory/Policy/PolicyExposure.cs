using System;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>What one reading of a repository policy found: whether, why and how openly it is public.</summary>
    internal sealed class PolicyExposure
    {
        public static readonly PolicyExposure NotPublic = new PolicyExposure(new ValueList<PublicStatement>(Array.Empty<PublicStatement>()), null);

        public PolicyExposure(ValueList<PublicStatement> publicStatements, string? readProblem)
        {
            PublicStatements = publicStatements;
            ReadProblem = readProblem;
        }

        /// <summary>The Allow statements whose principal means everyone, in document order, each with its verdict; empty when none.</summary>
        public ValueList<PublicStatement> PublicStatements { get; }

        /// <summary>The contract's IS_PUBLIC rule.</summary>
        public bool IsPublic => PublicStatements.Count > 0;

        /// <summary>True when, by AWS's evaluation, some statement allows an ECR action to anyone (see <see cref="OpensToAnyone"/>).</summary>
        public bool IsPublicUnconditionally => PublicStatements.Any(OpensToAnyone);

        /// <summary>Why the policy text is not strict JSON (so it was read leniently, or only in part); null when it is.</summary>
        public string? ReadProblem { get; }

        /// <summary>A statement that lets principals outside any specific account, organization or endpoint in.</summary>
        public static bool OpensToAnyone(PublicStatement statement) =>
            statement.Verdict == StatementVerdict.Public || statement.Verdict == StatementVerdict.PublicFromNetwork;
    }
}
