using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// What an AWS query-protocol client (STS, EC2) needs: a form-encoded POST of <c>Action</c>, <c>Version</c> and
    /// the operation's parameters, signed for the service, and an XML answer read by local names.
    /// </summary>
    internal abstract class AwsQueryClient : AwsServiceClient
    {
        private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
        private readonly string _apiVersion;

        protected AwsQueryClient(string service, string apiVersion, AwsTransport transport, Uri endpoint, string region,
            ICredentialProvider credentials, ICallObserver? observer)
            : base(service, transport, endpoint, region, credentials, observer)
        {
            _apiVersion = apiVersion;
        }

        protected Task<T> SendAsync<T>(string operation, IEnumerable<KeyValuePair<string, string>> parameters, Func<XElement, T> read, CancellationToken cancellationToken) =>
            SendReadingBodyAsync(operation, parameters, bytes => read(XElement.Parse(Utf8(bytes))), cancellationToken);

        /// <summary>As <see cref="SendAsync{T}"/>, the answer's bytes read by <paramref name="read"/> (a streaming reader for large pages); valid only during the call.</summary>
        protected Task<T> SendReadingBodyAsync<T>(string operation, IEnumerable<KeyValuePair<string, string>> parameters, Func<ArraySegment<byte>, T> read, CancellationToken cancellationToken)
        {
            var form = new StringBuilder("Action=").Append(operation).Append("&Version=").Append(_apiVersion);
            foreach (var parameter in parameters)
                form.Append('&').Append(WebUtility.UrlEncode(parameter.Key)).Append('=').Append(WebUtility.UrlEncode(parameter.Value));
            return PostAsync(operation, FormContentType, null, Encoding.UTF8.GetBytes(form.ToString()), read, cancellationToken);
        }

        /// <summary>
        /// A query-protocol error: <c>&lt;Error&gt;&lt;Code&gt;</c>, <c>&lt;Message&gt;</c> and <c>&lt;RequestId&gt;</c> (EC2's
        /// <c>RequestID</c>), the code from <c>x-amzn-ErrorType</c> first when the answer carries one. A body that is not
        /// XML is read as JSON 1.1's error object, as the JSON clients read theirs.
        /// </summary>
        protected override AwsServiceException ReadError(AwsRequest request, AwsResponse response)
        {
            string? code = response.Header("x-amzn-ErrorType");
            string message = string.Empty;
            string? requestId = response.RequestId;
            if (!TryReadXmlError(response.Body, ref code, ref message, ref requestId))
                AwsJsonClient.TryReadJsonError(response.Body, ref code, ref message);
            return ServiceError(request, response, code, message, requestId);
        }

        /// <summary>Reads Code (unless <paramref name="code"/> is known), Message and RequestId from an XML error; false when the body is not XML.</summary>
        internal static bool TryReadXmlError(ArraySegment<byte> body, ref string? code, ref string message, ref string? requestId)
        {
            try
            {
                XElement root = XElement.Parse(Utf8(body));
                code ??= root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                message = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? message;
                requestId ??= root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId" || e.Name.LocalName == "RequestID")?.Value;
                return true;
            }
            catch (System.Xml.XmlException)
            {
                return false;
            }
        }

        private static string Utf8(ArraySegment<byte> bytes) => Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count);

        protected static KeyValuePair<string, string> Parameter(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>The first descendant with this local name (query-protocol XML carries a per-service namespace).</summary>
        protected static XElement? Descendant(XElement element, string localName) =>
            element.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);

        /// <summary>The direct children with this local name.</summary>
        protected static IEnumerable<XElement> Children(XElement? element, string localName) =>
            element == null ? Enumerable.Empty<XElement>() : element.Elements().Where(e => e.Name.LocalName == localName);

        protected static XElement? Child(XElement? element, string localName) => Children(element, localName).FirstOrDefault();

        /// <summary>The members of a query-protocol list (<c>&lt;name&gt;&lt;item&gt;…&lt;/item&gt;&lt;/name&gt;</c>).</summary>
        protected static IEnumerable<XElement> ListItems(XElement? element, string listName) => Children(Child(element, listName), "item");
    }
}
