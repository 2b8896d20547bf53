using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AwsContainerInventory.Policy
{
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
