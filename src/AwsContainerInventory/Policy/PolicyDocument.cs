using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AwsContainerInventory.Policy
{
    internal enum PolicyNodeKind { Object, Array, String, Number, True, False, Null }

    /// <summary>
    /// One JSON value of a policy. Objects keep every member in document order, duplicates included: IAM's own
    /// reader keeps one of two duplicate members, and we cannot know which, so the analyzer sees both.
    /// </summary>
    internal sealed class PolicyNode
    {
        private PolicyNode(PolicyNodeKind kind, string? text)
        {
            Kind = kind;
            Text = text;
        }

        public PolicyNodeKind Kind { get; }

        /// <summary>The text of a string, the literal of a number, <c>true</c>/<c>false</c>; null otherwise.</summary>
        public string? Text { get; }

        public List<KeyValuePair<string, PolicyNode>> Members { get; } = new List<KeyValuePair<string, PolicyNode>>();

        public List<PolicyNode> Items { get; } = new List<PolicyNode>();

        public static PolicyNode Container(PolicyNodeKind kind) => new PolicyNode(kind, null);

        public static PolicyNode Scalar(PolicyNodeKind kind, string? text) => new PolicyNode(kind, text);

        /// <summary>
        /// Every member called <paramref name="name"/>, in any letter case: policy element names are case-sensitive
        /// in IAM's grammar, but a stored policy is read the way that loses nothing.
        /// </summary>
        public IEnumerable<PolicyNode> All(string name) =>
            Kind == PolicyNodeKind.Object
                ? Members.Where(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Select(m => m.Value)
                : Enumerable.Empty<PolicyNode>();

        /// <summary>
        /// A value that may be one scalar or an array of scalars, as text (<c>"ecr:*"</c>, <c>["a","b"]</c>,
        /// <c>123456789012</c>). IAM reads numbers and booleans in conditions as their text.
        /// </summary>
        public IEnumerable<string> Strings()
        {
            if (Kind == PolicyNodeKind.Array) return Items.Where(i => i.Text != null).Select(i => i.Text!);
            return Text != null ? new[] { Text } : Enumerable.Empty<string>();
        }
    }

    /// <summary>
    /// A repository policy read as far as it can be. Strict JSON is read as is; otherwise the text is read again
    /// leniently (a leading byte-order mark dropped, comments and trailing commas allowed) and, where even that
    /// fails, everything up to the failure is kept. <see cref="Problem"/> then says what was wrong, so the caller
    /// can warn instead of silently reporting "not public".
    /// </summary>
    internal sealed class PolicyDocument
    {
        private const char ByteOrderMark = '\uFEFF';

        private PolicyDocument(PolicyNode? root, string? problem)
        {
            Root = root;
            Problem = problem;
        }

        /// <summary>The top-level value; null when nothing could be read.</summary>
        public PolicyNode? Root { get; }

        /// <summary>Why the text is not strict JSON, as a clause ("it starts with a byte-order mark"); null when it is.</summary>
        public string? Problem { get; }

        public static PolicyDocument Read(string text)
        {
            var problems = new List<string>();
            if (text.Length > 0 && text[0] == ByteOrderMark)
            {
                problems.Add("it starts with a byte-order mark");
                text = text.Substring(1);
            }
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            PolicyNode? root = Parse(utf8, new JsonReaderOptions(), out string? strictError);
            if (strictError != null)
            {
                root = Parse(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, out string? lenientError);
                problems.Add(lenientError == null
                    ? "it is not strict JSON (" + strictError + "), so it was read with comments and trailing commas allowed"
                    : "it is not valid JSON (" + lenientError + "), so only what comes before that point was read");
            }
            return new PolicyDocument(root, problems.Count == 0 ? null : string.Join(" and ", problems));
        }

        // Builds the tree token by token, attaching each container to its parent as soon as it starts, so that
        // on a read error the tree holds everything before it.
        private static PolicyNode? Parse(byte[] utf8, JsonReaderOptions options, out string? error)
        {
            var reader = new Utf8JsonReader(utf8, options);
            var open = new Stack<PolicyNode>();
            string? pendingName = null;
            PolicyNode? root = null;
            error = null;
            try
            {
                while (reader.Read())
                {
                    PolicyNode? value = null;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            pendingName = reader.GetString();
                            continue;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            open.Pop();
                            continue;
                        case JsonTokenType.StartObject:
                            value = PolicyNode.Container(PolicyNodeKind.Object);
                            break;
                        case JsonTokenType.StartArray:
                            value = PolicyNode.Container(PolicyNodeKind.Array);
                            break;
                        case JsonTokenType.String:
                            value = PolicyNode.Scalar(PolicyNodeKind.String, reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            value = PolicyNode.Scalar(PolicyNodeKind.Number, Encoding.UTF8.GetString(reader.ValueSpan.ToArray()));
                            break;
                        case JsonTokenType.True:
                            value = PolicyNode.Scalar(PolicyNodeKind.True, "true");
                            break;
                        case JsonTokenType.False:
                            value = PolicyNode.Scalar(PolicyNodeKind.False, "false");
                            break;
                        case JsonTokenType.Null:
                            value = PolicyNode.Scalar(PolicyNodeKind.Null, null);
                            break;
                        default:
                            continue;
                    }
                    if (open.Count == 0) root = value;
                    else if (open.Peek().Kind == PolicyNodeKind.Object) open.Peek().Members.Add(new KeyValuePair<string, PolicyNode>(pendingName ?? string.Empty, value));
                    else open.Peek().Items.Add(value);
                    if (value.Kind == PolicyNodeKind.Object || value.Kind == PolicyNodeKind.Array) open.Push(value);
                }
            }
            catch (JsonException failure)
            {
                error = string.Format(CultureInfo.InvariantCulture, "line {0}, byte {1}",
                    (failure.LineNumber ?? 0) + 1, (failure.BytePositionInLine ?? 0) + 1);
            }
            if (error == null && root == null) error = "line 1, byte 1";
            return root;
        }
    }
}
