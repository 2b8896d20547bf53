namespace AwsContainerInventory.Session
{
    /// <summary>Credentials that may need to assume a role (a role_arn profile): told the session that will do it.</summary>
    internal interface IRoleAssumingCredentials
    {
        void UseRoleAssumer(IRoleAssumer assumer);
    }
}
