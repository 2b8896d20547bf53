using System;
using System.Threading;
using System.Threading.Tasks;
#if NET8_0_OR_GREATER
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;
#endif

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Runs the code of a first inventory once in the background at Import-Module, against answers made in memory,
    /// so that a fresh PowerShell's first Get- does not wait for it to be compiled or loaded: the crypto library, the
    /// HTTP stack's first request, a session, a run and its plan, the ECR and ECS readers, signing, reading the JSON,
    /// mapping a repository and a task, and the task's public address from EC2's XML (DescribeNetworkInterfaces, which
    /// every Get-EcsTask asks for its tasks' interfaces). On this project's 2-core benchmark machine a first Get- that starts after it has
    /// finished makes its first call 25 ms after it starts instead of about 90, and has its first record at 95 ms
    /// instead of about 185. Nothing leaves the process: the HTTP handler's connections are in-memory streams (no
    /// socket, no listener, no DNS), the credentials are made up, and nothing it makes is kept. A failure here changes
    /// nothing but the first call's speed, so it is ignored.
    /// </summary>
    internal static class WarmUp
    {
        private static int _started;

        /// <summary>The warm-up's work, once per process (null until started); tests wait on it.</summary>
        internal static Task? Running { get; private set; }

        public static void StartOnce()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
#if NET8_0_OR_GREATER
            Running = Task.Run(async () =>
            {
                try
                {
                    await RunAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Only the first call's speed depends on it.
                }
            });
#endif
        }

#if NET8_0_OR_GREATER
        private const string Region = "us-east-1";
        private const string Account = "000000000000";

        /// <summary>
        /// One pass of Get-EcrRepository's and Get-EcsTask's own code (a session, a run, the pair's plan, the readers, the
        /// transport, the mappings) on the in-memory answers; returns the records it made (a repository and a task), so
        /// a test can see it went all the way.
        /// </summary>
        internal static async Task<IReadOnlyList<object>> RunAsync()
        {
            var made = new List<object>();
            Action<object> keep = record => { lock (made) made.Add(record); };
            // The session pool's own handler (the same settings, the same code), connected to memory instead of sockets.
            using var handler = (SocketsHttpHandler)ConnectionPool.CreateHandler(ConnectionPool.PooledConnectionLifetime, ConnectionPool.PooledConnectionIdleTimeout);
            handler.ConnectCallback = (_, _) => new ValueTask<Stream>(new InMemoryExchange());
            using var client = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(10) };
            var credentials = new StaticCredentialProvider(new AwsCredentials("AKIDWARMUPEXAMPLE000", "warm-up-secret-not-a-key"), "warm-up");
            var session = new InventorySession(credentials, null, new[] { Region }, Array.Empty<string>(), sessionDuration: 3600, pageSize: 100,
                parallelRequests: 2, maxRetries: 0, endpointUrl: new Uri("http://warm-up.invalid/"), isDefault: false, httpClient: client);

            await ReadAsync(session, "warm-up: ECR", keep,
                context => new RepositoryReader(context).ReadAsync(new NameFilter(null))).ConfigureAwait(false);
            await ReadAsync(session, "warm-up: ECS", keep,
                context => new TaskReader(context).ReadAsync(ClusterSelection.Every(), includeStopped: false, lookUpPublicIps: true)).ConfigureAwait(false);
            return made;
        }

        private static async Task ReadAsync(InventorySession session, string activity, Action<object> sink, Func<InventoryContext, Task> read)
        {
            using var run = new InventoryRun(activity, sink) { DebugShown = false, VerboseShown = false };
            var plan = new ScopePlan(session, new[] { Region }, run);
            plan.ForEachScope(activity, read);
            await run.WhenDone().ConfigureAwait(false);
        }

        private static string ArnOf(string service, string resource) => "arn:aws:" + service + ":" + Region + ":" + Account + ":" + resource;

        /// <summary>EC2's answer (query protocol, XML) to the warm-up task's DescribeNetworkInterfaces: its interface, with a public address.</summary>
        private const string NetworkInterfacesAnswer =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeNetworkInterfacesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
            + "<requestId>warm-up</requestId><networkInterfaceSet><item><networkInterfaceId>eni-0</networkInterfaceId><subnetId>subnet-0</subnetId>"
            + "<vpcId>vpc-0</vpcId><privateIpAddress>10.0.0.1</privateIpAddress><association><publicIp>192.0.2.1</publicIp></association>"
            + "<groupSet><item><groupId>sg-0</groupId></item></groupSet></item></networkInterfaceSet></DescribeNetworkInterfacesResponse>";

        /// <summary>
        /// The answer to each warm-up request, by its X-Amz-Target (JSON 1.1) or, without one, its query Action, in the
        /// shapes the real services answer.
        /// </summary>
        private static string AnswerTo(string target, string body)
        {
            if (target.Length == 0)
                return body.StartsWith("Action=DescribeNetworkInterfaces&", StringComparison.Ordinal) ? NetworkInterfacesAnswer : "{}";
            string repositoryArn = ArnOf("ecr", "repository/warm-up");
            string taskArn = ArnOf("ecs", "task/warm-up/0123456789abcdef0123456789abcdef");
            switch (target.Substring(target.IndexOf('.') + 1))
            {
                case "DescribeRepositories":
                    return "{\"repositories\":[{\"repositoryArn\":\"" + repositoryArn + "\",\"registryId\":\"" + Account + "\",\"repositoryName\":\"warm-up\","
                        + "\"repositoryUri\":\"" + Account + ".dkr.ecr." + Region + ".amazonaws.com/warm-up\",\"createdAt\":1.7E9,\"imageTagMutability\":\"MUTABLE\","
                        + "\"imageScanningConfiguration\":{\"scanOnPush\":true},\"encryptionConfiguration\":{\"encryptionType\":\"AES256\"}}]}";
                case "GetRepositoryPolicy":
                    return "{\"registryId\":\"" + Account + "\",\"repositoryName\":\"warm-up\",\"policyText\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
                        + "[{\\\"Sid\\\":\\\"w\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::" + Account + ":root\\\"},\\\"Action\\\":[\\\"ecr:BatchGetImage\\\"]}]}\"}";
                case "ListTagsForResource":
                    return "{\"tags\":[{\"Key\":\"Name\",\"Value\":\"warm-up\"}]}";
                case "ListClusters":
                    return "{\"clusterArns\":[\"" + ArnOf("ecs", "cluster/warm-up") + "\"]}";
                case "ListTasks":
                    return "{\"taskArns\":[\"" + taskArn + "\"]}";
                case "DescribeTasks":
                    return "{\"tasks\":[{\"taskArn\":\"" + taskArn + "\",\"clusterArn\":\"" + ArnOf("ecs", "cluster/warm-up") + "\",\"lastStatus\":\"RUNNING\","
                        + "\"desiredStatus\":\"RUNNING\",\"launchType\":\"FARGATE\",\"createdAt\":1.7E9,\"startedAt\":1.7E9,\"cpu\":\"256\",\"memory\":\"512\","
                        + "\"taskDefinitionArn\":\"" + ArnOf("ecs", "task-definition/warm-up:1") + "\",\"group\":\"family:warm-up\",\"availabilityZone\":\"us-east-1a\","
                        + "\"containers\":[{\"containerArn\":\"" + ArnOf("ecs", "container/warm-up/0") + "\",\"name\":\"app\",\"image\":\"public.ecr.aws/warm-up:1\","
                        + "\"imageDigest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"lastStatus\":\"RUNNING\","
                        + "\"networkInterfaces\":[{\"attachmentId\":\"a\",\"privateIpv4Address\":\"10.0.0.1\"}]}],"
                        + "\"attachments\":[{\"id\":\"a\",\"type\":\"ElasticNetworkInterface\",\"status\":\"ATTACHED\",\"details\":[{\"name\":\"subnetId\",\"value\":\"subnet-0\"},"
                        + "{\"name\":\"networkInterfaceId\",\"value\":\"eni-0\"},{\"name\":\"privateIPv4Address\",\"value\":\"10.0.0.1\"}]}],"
                        + "\"tags\":[{\"key\":\"Name\",\"value\":\"warm-up\"}]}],\"failures\":[]}";
                default:
                    return "{}";
            }
        }

        /// <summary>
        /// One HTTP/1.1 exchange in memory, in place of a connection: takes the request, then reads back the answer to
        /// it (with Connection: close, so the next request makes a new one) and then the end of the stream.
        /// </summary>
        private sealed class InMemoryExchange : Stream
        {
            private readonly MemoryStream _request = new MemoryStream();
            private readonly TaskCompletionSource<byte[]> _answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _answerRead;

            public override bool CanRead => true;
            public override bool CanWrite => true;
            public override bool CanSeek => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count) => Write(new ReadOnlySpan<byte>(buffer, offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                _request.Write(buffer);
                if (!_answer.Task.IsCompleted && RequestComplete(out string target, out string body)) _answer.TrySetResult(Answer(target, body));
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Write(buffer.Span);
                return default;
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                byte[] answer = await _answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                int count = Math.Min(buffer.Length, answer.Length - _answerRead);
                answer.AsMemory(_answerRead, count).CopyTo(buffer);
                _answerRead += count;
                return count;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                _answer.TrySetResult(Array.Empty<byte>());
                base.Dispose(disposing);
            }

            private bool RequestComplete(out string target, out string body)
            {
                target = string.Empty;
                body = string.Empty;
                string text = Encoding.ASCII.GetString(_request.GetBuffer(), 0, (int)_request.Length);
                int headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headersEnd < 0) return false;
                int length = 0;
                foreach (string line in text.Substring(0, headersEnd).Split(new[] { "\r\n" }, StringSplitOptions.None))
                {
                    int colon = line.IndexOf(':');
                    if (colon < 0) continue;
                    string name = line.Substring(0, colon).Trim(), value = line.Substring(colon + 1).Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    else if (name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase)) target = value;
                }
                if (_request.Length < headersEnd + 4 + length) return false;
                body = text.Substring(headersEnd + 4, length);
                return true;
            }

            private static byte[] Answer(string target, string request)
            {
                string answer = AnswerTo(target, request);
                byte[] body = Encoding.UTF8.GetBytes(answer);
                string contentType = answer.StartsWith("<", StringComparison.Ordinal) ? "text/xml;charset=UTF-8" : "application/x-amz-json-1.1";
                string head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nx-amzn-RequestId: warm-up\r\nConnection: close\r\nContent-Length: "
                    + body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n";
                byte[] bytes = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
                int written = Encoding.ASCII.GetBytes(head, 0, head.Length, bytes, 0);
                body.CopyTo(bytes, written);
                return bytes;
            }
        }
#endif
    }
}
