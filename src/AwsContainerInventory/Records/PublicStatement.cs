using System.Collections.Generic;
using System.ComponentModel;
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

    /// <summary>AWS's verdict on one policy statement whose principal means everyone.</summary>
    public enum StatementVerdict
    {
        [Description("Some ECR action is allowed to anyone: no condition pins an identity (counts for IsPublicUnconditionally).")]
        Public,

        [Description("Allowed to anyone calling from a public address range of aws:SourceIp: a network limit, not an identity (counts for IsPublicUnconditionally).")]
        PublicFromNetwork,

        [Description("A condition pins the caller to a specific account, organization, principal, VPC or VPC endpoint.")]
        Narrowed,

        [Description("A condition no request to ECR can satisfy: the statement applies to nobody.")]
        NeverApplies,

        [Description("None of the statement's actions is an ECR action: it grants nothing on the repository.")]
        GrantsNoEcrAction,
    }

    /// <summary>The rule of the repository-policy analysis that decided a statement's verdict.</summary>
    public enum PolicyRule
    {
        [Description("Public: the principal is `*` in any JSON form and no condition pins an identity (negated, IfExists, ForAllValues: and Null tests never do). Example: `{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"ecr:BatchGetImage\"}`")]
        WildcardPrincipal,

        [Description("Public: Allow with NotPrincipal grants everyone but the named principals, anonymous callers included. Example: `{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"ecr:*\"}`")]
        NotPrincipal,

        [Description("Public: a principal whose account is a wildcard means every account (IAM rejects it in new policies, but a stored one is in force). Example: `\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}`")]
        WildcardAccount,

        [Description("Public, with a network condition: aws:SourceIp limits callers to a public range, not to an identity. Example: `\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"54.240.143.0/24\"}}`")]
        NetworkCondition,

        [Description("Narrowed: a positive condition pins a wildcard-free account, organization id (or first segment of aws:PrincipalOrgPaths), principal ARN account, role or user unique id, VPC or VPC endpoint. `o-*`, `arn:aws:iam::*:role/*` and `vpce-*` pin nobody. Example: `\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}`")]
        IdentityCondition,

        [Description("Never applies: StringEquals compares literally, so a `*` in the value matches only that text, which no account, organization or ARN contains. Example: `\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-*\"}}`")]
        LiteralWildcard,

        [Description("Never applies: a key no ECR request carries (kms:, s3:, another service's keys) under a positive operator without IfExists. Example: `\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"ecr.us-east-1.amazonaws.com\"}}`")]
        KeyNeverInEcrRequest,

        [Description("Never applies: aws:SourceIp limited to addresses no request to ECR comes from (private, 100.64.0.0/10, loopback, link-local, documentation, reserved); through a VPC endpoint aws:SourceIp is absent. Example: `\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}`")]
        UnreachableSourceIp,

        [Description("Never applies: ECR answers only over TLS, so aws:SecureTransport is never false. Example: `\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}`")]
        PlainHttpOnly,

        [Description("Narrowed, or never applies: Deny statements to everyone cover every ECR action the statement grants, unconditionally (never applies) or for every caller but a pinned identity (narrowed); an explicit deny wins. Only a negated identity test counts as such a condition. Example: `{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}`")]
        ExplicitDeny,

        [Description("Grants nothing: no ECR action matches the Action values (wildcards expanded against ECR's actions), or NotAction excludes them all. Example: `{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}`")]
        NoEcrAction,
    }
}
