using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>AWS STS over its query protocol (form-encoded POST, XML answer).</summary>
    internal sealed class StsClient : IStsClient
    {
        private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
        private readonly AwsTransport _transport;
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ICredentialProvider _credentials;
        private readonly ICallObserver? _observer;

        public StsClient(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
        {
            _transport = transport;
            _endpoint = endpoint;
            _region = region;
            _credentials = credentials;
            _observer = observer;
        }

        public Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, CancellationToken cancellationToken)
        {
            string form = "Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=" + WebUtility.UrlEncode(roleArn)
                + "&RoleSessionName=" + WebUtility.UrlEncode(roleSessionName)
                + "&DurationSeconds=" + durationSeconds.ToString(CultureInfo.InvariantCulture);
            return SendAsync("AssumeRole", form, root =>
            {
                XElement credentials = Descendant(root, "Credentials") ?? throw new FormatException("AssumeRole returned no Credentials.");
                string Value(string name) => Descendant(credentials, name)?.Value ?? throw new FormatException("AssumeRole returned no " + name + ".");
                DateTime expiration = DateTime.Parse(Value("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                return new AwsCredentials(Value("AccessKeyId"), Value("SecretAccessKey"), Value("SessionToken"), expiration);
            }, cancellationToken);
        }

        public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) =>
            SendAsync("GetCallerIdentity", "Action=GetCallerIdentity&Version=2011-06-15",
                root => Descendant(root, "Account")?.Value ?? throw new FormatException("GetCallerIdentity returned no Account."), cancellationToken);

        private static XElement? Descendant(XElement element, string localName) =>
            element.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);

        private Task<T> SendAsync<T>(string operation, string form, Func<XElement, T> read, CancellationToken cancellationToken)
        {
            var request = new AwsRequest("sts", operation, _region, _endpoint, FormContentType, null, Encoding.UTF8.GetBytes(form), _credentials);
            return _transport.SendAsync(request, bytes => read(XElement.Parse(Encoding.UTF8.GetString(bytes))), _observer, cancellationToken);
        }
    }
}
