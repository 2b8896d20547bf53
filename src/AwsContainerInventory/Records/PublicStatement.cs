using System.Collections.Generic;

namespace AwsContainerInventory
{
    /// <summary>
    /// An <c>Allow</c> statement of an ECR repository policy whose principal is the wildcard: one reason the
    /// repository is public. ToString is one readable line, e.g.
    /// <c>AllowPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:SourceAccount</c>,
    /// so Export-Csv writes the statements themselves.
    /// </summary>
    public sealed class PublicStatement
    {
        public PublicStatement(string? sid, IEnumerable<string> actions, IEnumerable<string> conditionKeys, bool narrowsPrincipal)
        {
            Sid = sid;
            Actions = ValueList.Of(actions);
            ConditionKeys = ValueList.Of(conditionKeys);
            NarrowsPrincipal = narrowsPrincipal;
        }

        /// <summary>The statement's <c>Sid</c>; null when it has none.</summary>
        public string? Sid { get; }

        /// <summary>
        /// The <c>Action</c> values as written (a single string or an array). A statement that uses
        /// <c>NotAction</c> grants everything except those actions, so its values appear prefixed with
        /// <c>NotAction:</c> (<c>NotAction:ecr:DeleteRepository</c>) and can never be mistaken for granted actions.
        /// </summary>
        public ValueList<string> Actions { get; }

        /// <summary>Each condition as <c>Operator:key</c> (<c>StringEquals:aws:SourceAccount</c>), in document order.</summary>
        public ValueList<string> ConditionKeys { get; }

        /// <summary>
        /// True when a condition limits who can call (the source or principal account, organization, ARN,
        /// VPC or VPC endpoint), so the wildcard principal does not mean anyone.
        /// </summary>
        public bool NarrowsPrincipal { get; }

        public override string ToString()
        {
            string sid = string.IsNullOrEmpty(Sid) ? "(no Sid)" : Sid!;
            string actions = Actions.Count == 0 ? "(no action)" : "(" + string.Join(", ", Actions) + ")";
            string conditions = ConditionKeys.Count == 0 ? "unconditionally" : "if " + string.Join(" and ", ConditionKeys);
            return sid + " " + actions + " " + conditions;
        }
    }
}
