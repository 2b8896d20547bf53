using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>AWS STS over its query protocol (form-encoded POST, XML answer).</summary>
    internal sealed class StsClient : AwsQueryClient, IStsClient
    {
        public StsClient(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("sts", "2011-06-15", transport, endpoint, region, credentials, observer)
        {
        }

        public Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, CancellationToken cancellationToken)
        {
            var parameters = new[]
            {
                Parameter("RoleArn", roleArn),
                Parameter("RoleSessionName", roleSessionName),
                Parameter("DurationSeconds", durationSeconds.ToString(CultureInfo.InvariantCulture)),
            };
            return SendAsync("AssumeRole", parameters, root =>
            {
                XElement credentials = Descendant(root, "Credentials") ?? throw new FormatException("AssumeRole returned no Credentials.");
                string Value(string name) => Descendant(credentials, name)?.Value ?? throw new FormatException("AssumeRole returned no " + name + ".");
                DateTime expiration = DateTime.Parse(Value("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                return new AwsCredentials(Value("AccessKeyId"), Value("SecretAccessKey"), Value("SessionToken"), expiration);
            }, cancellationToken);
        }

        public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) =>
            SendAsync("GetCallerIdentity", Array.Empty<KeyValuePair<string, string>>(),
                root => Descendant(root, "Account")?.Value ?? throw new FormatException("GetCallerIdentity returned no Account."), cancellationToken);
    }
}
