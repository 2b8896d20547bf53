using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// The scripted endpoint without a socket: an <see cref="HttpMessageHandler"/> that hands each request to an
/// <see cref="AwsCallPipeline"/> (the same routing, SigV4 verification, faults, handlers and estate Kestrel serves)
/// and turns what it wrote into the <see cref="HttpResponseMessage"/> a client would have read.
/// A connection the pipeline drops (reset, truncated body, hang) is the <see cref="HttpRequestException"/> a real one gives.
/// </summary>
public sealed class InProcessAwsHandler(AwsCallPipeline pipeline) : HttpMessageHandler
{
    public AwsCallPipeline Pipeline { get; } = pipeline;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestFeature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            Path = Uri.UnescapeDataString(uri.AbsolutePath),
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Body = new MemoryStream(body, writable: false),
        };
        CopyHeaders(request, uri, body.Length, requestFeature.Headers);

        using var responseBody = new MemoryStream();
        using var connection = new Connection(cancellationToken);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(connection);
        var context = new DefaultHttpContext(features);

        await Pipeline.HandleAsync(context);

        cancellationToken.ThrowIfCancellationRequested();
        if (connection.Aborted)
        {
            throw new HttpRequestException("The scripted endpoint closed the connection before a complete response.",
                new IOException("Connection aborted.", new SocketException((int)SocketError.ConnectionReset)));
        }
        return ToResponseMessage(context.Response, responseBody.ToArray(), request);
    }

    /// <summary>The headers HttpClient would send: the message's, its content's, and Host from the URI.</summary>
    private static void CopyHeaders(HttpRequestMessage request, Uri uri, int contentLength, IHeaderDictionary headers)
    {
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToArray();
        }
        foreach (var (name, values) in request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
        {
            headers[name] = values.ToArray();
        }
        if (!headers.ContainsKey("Host"))
        {
            headers.Host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        }
        if (request.Content is not null)
        {
            headers.ContentLength = contentLength;
        }
    }

    private static HttpResponseMessage ToResponseMessage(HttpResponse response, byte[] body, HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        foreach (var (name, values) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        if (response.ContentType is { } contentType)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        message.Content.Headers.ContentLength = body.Length;
        return message;
    }

    /// <summary>The connection's life: the client's cancellation, and whether the pipeline dropped it.</summary>
    private sealed class Connection : IHttpRequestLifetimeFeature, IDisposable
    {
        private readonly CancellationTokenSource _aborted;

        public Connection(CancellationToken clientCancelled)
        {
            _aborted = CancellationTokenSource.CreateLinkedTokenSource(clientCancelled);
            RequestAborted = _aborted.Token;
        }

        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort()
        {
            Aborted = true;
            _aborted.Cancel();
        }

        public void Dispose() => _aborted.Dispose();
    }
}
