using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Rejects a region that no partition of the module's data lists or would serve (xx-moon-1, us-esat-1),
    /// naming the closest valid names, before any call. A region newer than the data is let through here;
    /// the cmdlet warns about it. All (or *) means every region enabled in each account.
    /// </summary>
    public sealed class ValidateAwsRegionAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            foreach (string region in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (RegionList.IsAll(region)) continue;
                RegionCheck check = RegionList.Check(region.ToLowerInvariant());
                if (check.Status == RegionStatus.Unknown) throw new ValidationMetadataException(check.Problem);
            }
        }
    }

    /// <summary>Each element (itself possibly comma-separated) must be an IAM role ARN.</summary>
    public sealed class ValidateRoleArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string arn in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(arn))
                    throw new ValidationMetadataException("'" + arn + "' is not an IAM role ARN. Expected arn:aws:iam::<12-digit account>:role/<name>.");
            }
        }
    }

    /// <summary>Each element (itself possibly comma-separated) must be a 12-digit AWS account id.</summary>
    public sealed class ValidateAccountIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string id in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(id))
                    throw new ValidationMetadataException("'" + id + "' is not an AWS account id. Expected 12 digits, such as 123456789012.");
            }
        }
    }

    /// <summary>Each element (itself possibly comma-separated) must be an organization root (r-…) or OU (ou-…) id, as Organizations defines them.</summary>
    public sealed class ValidateOrganizationalUnitIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        // botocore's ParentId pattern (organizations 2016-11-28).
        private static readonly Regex Shape = new Regex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string id in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(id))
                    throw new ValidationMetadataException("'" + id + "' is not an organizational unit or root id. Expected ou-<root>-<8 to 32 characters> (ou-ab12-cd34ef56) or r-<4 to 32 characters> (r-ab12), lower case.");
            }
        }
    }

    /// <summary>An IAM role name, optionally with a path (inventory/Reader), to assume in each organization account.</summary>
    public sealed class ValidateRoleNameAttribute : ValidateArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^[\w+=,.@-]{1,64}(/[\w+=,.@-]{1,64})*$", RegexOptions.CultureInvariant);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            string name = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            if (name.Length > 512 || !Shape.IsMatch(name))
                throw new ValidationMetadataException("'" + name + "' is not an IAM role name. Expected a name such as OrganizationAccountAccessRole, or path/name, of letters, digits and +=,.@_- (not a role ARN).");
        }
    }

    /// <summary>k/n with 1 ≤ k ≤ n: this runner's shard of the accounts.</summary>
    public sealed class ValidateShardAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            string text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            if (!Session.Shard.TryParse(text, out _, out string problem)) throw new ValidationMetadataException(problem);
        }
    }

    /// <summary>An absolute http or https URL.</summary>
    public sealed class ValidateEndpointUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!(value is Uri uri) || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ValidationMetadataException("'" + value + "' is not an absolute http:// or https:// URL.");
        }
    }
}
