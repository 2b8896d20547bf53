using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>
    /// An <c>Allow</c> statement of an ECR repository policy whose principal means everyone: one reason the
    /// repository is public, with AWS's verdict on it. ToString is one readable line, e.g.
    /// <c>AllowPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:SourceAccount</c>,
    /// so Export-Csv writes the statements themselves.
    /// </summary>
    public sealed class PublicStatement
    {
        private readonly string _principalText;
        private readonly string _detailText;
        private readonly List<string> _actions;
        private readonly List<string> _conditionKeys;

        /// <param name="principalText">How the principal means everyone (<c>Principal "*"</c>, <c>NotPrincipal ...</c>).</param>
        /// <param name="detailText">What decided the verdict (the condition, the actions), without the principal.</param>
        public PublicStatement(string? sid, IEnumerable<string> actions, IEnumerable<string> conditionKeys,
            StatementVerdict verdict, PolicyRule rule, string principalText, string detailText)
        {
            Sid = sid;
            _actions = actions.ToList();
            _conditionKeys = conditionKeys.ToList();
            Verdict = verdict;
            Rule = rule;
            _principalText = principalText;
            _detailText = detailText;
        }

        /// <summary>The statement's <c>Sid</c>; null when it has none.</summary>
        public string? Sid { get; }

        /// <summary>
        /// The <c>Action</c> values as written (a single string or an array). A statement that uses
        /// <c>NotAction</c> grants everything except those actions, so its values appear prefixed with
        /// <c>NotAction:</c> (<c>NotAction:ecr:DeleteRepository</c>) and can never be mistaken for granted actions.
        /// Joined with <c>;</c> (<c>ecr:BatchGetImage;ecr:GetDownloadUrlForLayer</c>): a string, so a repository goes to
        /// <c>ConvertTo-Json</c> at its default depth whole, and <c>-match</c> / <c>-like</c> work on it.
        /// </summary>
        public string Actions => string.Join(";", _actions);

        /// <summary>Each condition as <c>Operator:key</c> (<c>StringEquals:aws:SourceAccount</c>), in document order, joined with <c>;</c>.</summary>
        public string ConditionKeys => string.Join(";", _conditionKeys);

        /// <summary>AWS's verdict on the statement: whether it opens the repository to anyone, and if not, why not.</summary>
        public StatementVerdict Verdict { get; }

        /// <summary>The rule that decided <see cref="Verdict"/>.</summary>
        public PolicyRule Rule { get; }

        /// <summary>
        /// The verdict in words, naming what decided it, e.g.
        /// <c>Principal "*"; StringEquals aws:PrincipalOrgID pins organization o-a1b2c3d4e5</c>.
        /// </summary>
        public string Reason => _principalText + "; " + _detailText;

        /// <summary>
        /// True when a condition limits who can call: to a known account, organization, principal, VPC or VPC
        /// endpoint (<see cref="StatementVerdict.Narrowed"/>), or to nobody (<see cref="StatementVerdict.NeverApplies"/>).
        /// </summary>
        public bool NarrowsPrincipal => Verdict == StatementVerdict.Narrowed || Verdict == StatementVerdict.NeverApplies;

        /// <summary>
        /// The statement, AWS's verdict, the rule that decided it and why, in one line: what
        /// <see cref="EcrRepository.PublicStatements"/> holds, so JSON and CSV readers can check each verdict, e.g.
        /// <c>OrgPull (ecr:BatchGetImage) if StringEquals:aws:PrincipalOrgID => Narrowed [IdentityCondition]: Principal "*"; StringEquals aws:PrincipalOrgID pins organization o-a1b2c3d4e5</c>.
        /// </summary>
        public string ToLine() => Statement() + " => " + Verdict + " [" + Rule + "]: " + Reason;

        public override string ToString()
        {
            string line = Statement();
            switch (Verdict)
            {
                case StatementVerdict.NeverApplies:
                    return line + ", which never applies: " + _detailText;
                case StatementVerdict.GrantsNoEcrAction:
                    return line + ", granting no ECR action";
                default:
                    // A "*" principal goes without saying; the other forms of everyone (NotPrincipal, a wildcard account) are named.
                    if (!_principalText.StartsWith(WildcardPrincipalText, System.StringComparison.Ordinal)) line += ", to " + _principalText;
                    return Rule == PolicyRule.ExplicitDeny ? line + ", but " + _detailText : line;
            }
        }

        // Sid, actions and conditions: "AllowPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:SourceAccount".
        private string Statement()
        {
            string sid = string.IsNullOrEmpty(Sid) ? "(no Sid)" : Sid!;
            string actions = _actions.Count == 0 ? "(no action)" : "(" + string.Join(", ", _actions) + ")";
            string conditions = _conditionKeys.Count == 0 ? "unconditionally" : "if " + string.Join(" and ", _conditionKeys);
            return sid + " " + actions + " " + conditions;
        }

        /// <summary>How <see cref="Reason"/> starts for a <c>"*"</c> principal in any JSON form.</summary>
        internal const string WildcardPrincipalText = "Principal \"*\"";
    }
}
