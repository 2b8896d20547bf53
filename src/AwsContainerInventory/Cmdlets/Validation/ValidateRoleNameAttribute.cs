using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Cmdlets
{
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
}
