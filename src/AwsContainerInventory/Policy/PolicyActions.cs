using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>Which ECR actions a statement's <c>Action</c> or <c>NotAction</c> grants.</summary>
    internal static class PolicyActions
    {
        /// <summary>
        /// IAM actions of ECR that have no API operation of their own (the pull-through cache's import and
        /// cross-region replication), so botocore's model does not list them.
        /// </summary>
        public static readonly string[] PermissionOnlyNames = { "BatchImportUpstreamImage", "ReplicateImage" };

        /// <summary>Every ECR action, <c>ecr:BatchGetImage</c> form.</summary>
        public static readonly IReadOnlyList<string> EcrActions =
            EcrApiOperations.Names.Concat(PermissionOnlyNames).Select(name => "ecr:" + name).ToArray();

        /// <summary>
        /// The ECR actions granted, in list order. Each element of <paramref name="actionLists"/> is one <c>Action</c>
        /// member, each of <paramref name="notActionLists"/> one <c>NotAction</c> member; duplicate members are read
        /// the more public way, so their grants add up. Action names and wildcards match without regard to case.
        /// </summary>
        public static IReadOnlyList<string> Granted(IReadOnlyList<IReadOnlyList<string>> actionLists, IReadOnlyList<IReadOnlyList<string>> notActionLists)
        {
            var patterns = actionLists.SelectMany(list => list).ToList();
            return EcrActions.Where(action =>
                    patterns.Any(pattern => Matches(pattern, action))
                    || notActionLists.Any(excluded => !excluded.Any(pattern => Matches(pattern, action))))
                .ToList();
        }

        private static bool Matches(string pattern, string action) => PolicyPattern.IsMatch(pattern, action, ignoreCase: true);
    }
}
