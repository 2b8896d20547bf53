using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>Writing answers, and the faults that mangle them (truncation, reset, hang), and injected latency.</summary>
public sealed partial class AwsCallPipeline
{
    private static async Task WriteAsync(HttpContext context, CallFacts facts, AwsResponse response, string requestId)
    {
        if (facts.Service == AwsService.Sts && response.ContentType == AwsWire.XmlContentType && StsJson.IsAsked(context.Request.Headers.Accept.ToString()))
        {
            response = StsJson.FromXml(response);
        }
        facts.StatusCode = response.StatusCode;
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;
        http.Headers["x-amzn-RequestId"] = requestId;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Headers[name] = value;
        }
        await http.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, CallFacts facts, AwsServiceException error, string requestId)
    {
        facts.ErrorCode = error.Code;
        if (!AwsWire.IsQueryProtocol(facts.Service))
        {
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
        }
        return WriteAsync(context, facts, AwsWire.Error(facts.Service, error.StatusCode, error.Code, error.Message, requestId), requestId);
    }

    private static Task WriteFaultErrorAsync(
        HttpContext context, CallFacts facts, AwsService service, FaultKind fault, int? retryAfter, string requestId)
    {
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteErrorAsync(context, facts, AwsWire.FaultError(service, fault), requestId);
    }

    /// <summary>
    /// Headers announce the full Content-Length, half the body follows, then the connection is closed.
    /// The bytes go straight to the socket, followed by a FIN, so the client deterministically receives
    /// exactly the headers and half the body before the connection ends.
    /// </summary>
    private static async Task WriteTruncatedAsync(HttpContext context, CallFacts facts, AwsResponse response, string requestId)
    {
        facts.StatusCode = response.StatusCode;
        facts.Aborted = true;
        var half = response.Body[..(response.Body.Length / 2)];

        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            var head = $"HTTP/1.1 {response.StatusCode} {ReasonPhrases.GetReasonPhrase(response.StatusCode)}\r\n" +
                       $"Content-Type: {response.ContentType}\r\n" +
                       $"Content-Length: {response.Body.Length}\r\n" +
                       $"Date: {DateTimeOffset.UtcNow:R}\r\n" +
                       $"x-amzn-RequestId: {requestId}\r\n\r\n";
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(head), SocketFlags.None, context.RequestAborted);
            await socket.SendAsync(half, SocketFlags.None, context.RequestAborted);
            socket.Shutdown(SocketShutdown.Send);
        }
        else
        {
            // Not on a socket transport: send through the server and give it a moment to go out.
            var http = context.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = response.ContentType;
            http.ContentLength = response.Body.Length;
            http.Headers["x-amzn-RequestId"] = requestId;
            await http.Body.WriteAsync(half, context.RequestAborted);
            await http.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100);
        }
        context.Abort();
    }

    private async Task HangAsync(HttpContext context, CallFacts facts, int hangMs)
    {
        try
        {
            await DelayAsync(context, hangMs);
        }
        catch (OperationCanceledException)
        {
            // client gave up or the endpoint is stopping
        }
        facts.Aborted = true;
        context.Abort();
    }

    /// <summary>Aborts with SO_LINGER 0 so the client sees a TCP reset rather than an orderly close.</summary>
    private static void AbortWithReset(HttpContext context, CallFacts facts)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        facts.Aborted = true;
        context.Abort();
    }

    private readonly LatencyCalibration _latency = new();

    /// <summary>
    /// Injected latency counts from the request's arrival, as a network's would: the wait ends about
    /// <paramref name="latencyMs"/> after the request arrived, whatever reading it took.
    /// </summary>
    private async Task<WaitPlan> WaitForLatencyAsync(HttpContext context, Stopwatch sinceArrival, int latencyMs)
    {
        WaitPlan plan = _latency.Plan(latencyMs, sinceArrival.Elapsed.TotalMilliseconds);
        if (plan.WaitMs > 0) await DelayAsync(context, plan.WaitMs);
        return plan;
    }

    /// <summary>Waits, but gives up when the client disconnects or the endpoint stops.</summary>
    private Task DelayAsync(HttpContext context, int milliseconds) => DelayAsync(context, TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Waits, but gives up when the client disconnects or the endpoint stops.</summary>
    private async Task DelayAsync(HttpContext context, TimeSpan duration)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        await Task.Delay(duration, cancel.Token);
    }
}
