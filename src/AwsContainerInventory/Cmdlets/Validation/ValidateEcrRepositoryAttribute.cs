using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>A repository name (wildcards allowed) or an ECR repository ARN; anything starting with arn: must be the latter.</summary>
    public sealed class ValidateEcrRepositoryAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Arn = new Regex(@"^arn:aws(-[a-z]+)*:ecr:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:repository/[a-z0-9][a-z0-9._/-]*$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            string value = element?.ToString() ?? string.Empty;
            if (value.StartsWith("arn:", StringComparison.Ordinal) && !Arn.IsMatch(value))
                throw new ValidationMetadataException("'" + value + "' is not an ECR repository ARN. Expected arn:aws:ecr:<region>:<12-digit account>:repository/<name>, or a repository name.");
        }
    }
}
