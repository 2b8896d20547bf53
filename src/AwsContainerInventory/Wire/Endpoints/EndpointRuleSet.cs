using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>
    /// Evaluates a Smithy endpoint rule set (botocore's data/&lt;service&gt;/&lt;version&gt;/endpoint-rule-set-1.json)
    /// as botocore's EndpointProvider does: rules in order, the first whose conditions hold wins; a tree rule
    /// commits to its sub-rules; an error rule ends the resolution with its message. The functions are the
    /// ones the services the module calls use: isSet, not, booleanEquals, stringEquals, getAttr, aws.partition.
    /// </summary>
    internal sealed class EndpointRuleSet
    {
        private static readonly Regex TemplateMarker = new Regex(@"\{[a-zA-Z#]+\}", RegexOptions.CultureInvariant);
        private static readonly Regex IndexedPart = new Regex(@"(\w*)\[(\d+)\]", RegexOptions.CultureInvariant);

        private readonly JsonElement _root;

        private EndpointRuleSet(JsonElement root) => _root = root;

        /// <summary>The parameters the rule set declares (Region, UseFIPS, UseDualStack, Endpoint, …).</summary>
        public IEnumerable<string> ParameterNames => _root.GetProperty("parameters").EnumerateObject().Select(p => p.Name);

        /// <summary>Every function name the rules call, to check that this evaluator knows them all.</summary>
        public IReadOnlyCollection<string> FunctionNames
        {
            get
            {
                var names = new SortedSet<string>(StringComparer.Ordinal);
                CollectFunctions(_root.GetProperty("rules"), names);
                return names;
            }
        }

        public static readonly IReadOnlyCollection<string> SupportedFunctions =
            new[] { "isSet", "not", "booleanEquals", "stringEquals", "getAttr", "aws.partition" };

        public static EndpointRuleSet Parse(string json) =>
            // The document lives as long as the rule set (for the life of the process), so it is not disposed.
            new EndpointRuleSet(JsonDocument.Parse(json).RootElement);

        /// <summary>Resolves the endpoint; throws <see cref="EndpointResolutionException"/> with the rule set's message.</summary>
        public ResolvedEndpoint Resolve(IReadOnlyDictionary<string, object?> input, AwsPartitions partitions)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (JsonProperty parameter in _root.GetProperty("parameters").EnumerateObject())
            {
                input.TryGetValue(parameter.Name, out object? value);
                if (value == null && parameter.Value.TryGetProperty("default", out JsonElement fallback)) value = Scalar(fallback);
                if (value == null && parameter.Value.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.True)
                    throw new EndpointResolutionException("Cannot find value for required parameter " + parameter.Name);
                if (value != null) scope[parameter.Name] = value;
            }
            var evaluation = new Evaluation(partitions);
            foreach (JsonElement rule in _root.GetProperty("rules").EnumerateArray())
            {
                ResolvedEndpoint? endpoint = evaluation.Rule(rule, new Dictionary<string, object?>(scope, StringComparer.Ordinal));
                if (endpoint != null) return endpoint;
            }
            throw new EndpointResolutionException("No endpoint found for parameters " +
                string.Join(", ", input.Select(p => p.Key + "=" + p.Value)) + ".");
        }

        private static void CollectFunctions(JsonElement node, ISet<string> names)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("fn", out JsonElement fn) && fn.ValueKind == JsonValueKind.String) names.Add(fn.GetString()!);
                foreach (JsonProperty property in node.EnumerateObject()) CollectFunctions(property.Value, names);
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in node.EnumerateArray()) CollectFunctions(item, names);
            }
        }

        private static object? Scalar(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };

        private sealed class Evaluation
        {
            private readonly AwsPartitions _partitions;

            public Evaluation(AwsPartitions partitions) => _partitions = partitions;

            public ResolvedEndpoint? Rule(JsonElement rule, Dictionary<string, object?> scope)
            {
                if (rule.TryGetProperty("conditions", out JsonElement conditions))
                {
                    foreach (JsonElement condition in conditions.EnumerateArray())
                    {
                        object? result = Call(condition, scope);
                        if (result == null || result is false) return null;
                    }
                }
                switch (rule.GetProperty("type").GetString())
                {
                    case "tree":
                        foreach (JsonElement child in rule.GetProperty("rules").EnumerateArray())
                        {
                            ResolvedEndpoint? endpoint = Rule(child, new Dictionary<string, object?>(scope, StringComparer.Ordinal));
                            if (endpoint != null) return endpoint;
                        }
                        return null;
                    case "error":
                        throw new EndpointResolutionException(Value(rule.GetProperty("error"), scope) as string ?? "The endpoint rule set gave an error.");
                    case "endpoint":
                        return Endpoint(rule.GetProperty("endpoint"), scope);
                    default:
                        throw new EndpointResolutionException("Unknown endpoint rule type '" + rule.GetProperty("type").GetString() + "'.");
                }
            }

            private ResolvedEndpoint Endpoint(JsonElement endpoint, Dictionary<string, object?> scope)
            {
                string url = Value(endpoint.GetProperty("url"), scope) as string
                    ?? throw new EndpointResolutionException("The endpoint rule set gave no URL.");
                if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
                    throw new EndpointResolutionException("The endpoint rule set gave '" + url + "', which is not an absolute URL.");
                string? signingRegion = null;
                if (endpoint.TryGetProperty("properties", out JsonElement properties)
                    && properties.TryGetProperty("authSchemes", out JsonElement schemes) && schemes.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement scheme in schemes.EnumerateArray())
                    {
                        if (scheme.TryGetProperty("name", out JsonElement name) && name.GetString() == "sigv4"
                            && scheme.TryGetProperty("signingRegion", out JsonElement region))
                        {
                            signingRegion = Value(region, scope) as string;
                            break;
                        }
                    }
                }
                return new ResolvedEndpoint(uri, signingRegion);
            }

            private object? Value(JsonElement value, Dictionary<string, object?> scope)
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    if (value.TryGetProperty("fn", out _)) return Call(value, scope);
                    if (value.TryGetProperty("ref", out JsonElement reference))
                        return scope.TryGetValue(reference.GetString()!, out object? bound) ? bound : null;
                }
                if (value.ValueKind == JsonValueKind.String)
                {
                    string text = value.GetString()!;
                    return TemplateMarker.IsMatch(text) ? Template(text, scope) : text;
                }
                return Scalar(value);
            }

            private object? Call(JsonElement call, Dictionary<string, object?> scope)
            {
                string function = call.GetProperty("fn").GetString()!;
                var arguments = call.GetProperty("argv").EnumerateArray().Select(a => Value(a, scope)).ToList();
                object? result = function switch
                {
                    "isSet" => arguments[0] != null,
                    "not" => !(arguments[0] is true),
                    "booleanEquals" => arguments[0] is bool a && arguments[1] is bool b && a == b,
                    "stringEquals" => arguments[0] is string x && arguments[1] is string y && string.Equals(x, y, StringComparison.Ordinal),
                    "getAttr" => GetAttr(arguments[0], (string)arguments[1]!),
                    "aws.partition" => arguments[0] is string region ? _partitions.Resolve(region).Outputs : _partitions.All[0].Outputs,
                    _ => throw new EndpointResolutionException("The endpoint rule set calls '" + function + "', which this module does not implement."),
                };
                if (call.TryGetProperty("assign", out JsonElement assign))
                {
                    string name = assign.GetString()!;
                    if (scope.ContainsKey(name)) throw new EndpointResolutionException("Assignment " + name + " already exists in the rule set's scope.");
                    scope[name] = result;
                }
                return result;
            }

            /// <summary>getAttr's path: names separated by dots, an optional [index] at the end.</summary>
            private static object? GetAttr(object? value, string path)
            {
                foreach (string part in path.Split('.'))
                {
                    Match indexed = IndexedPart.Match(part);
                    if (indexed.Success)
                    {
                        if (indexed.Groups[1].Length > 0) value = Member(value, indexed.Groups[1].Value);
                        int index = int.Parse(indexed.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                        return value is IReadOnlyList<object?> list && index < list.Count ? list[index] : null;
                    }
                    value = Member(value, part);
                }
                return value;
            }

            private static object? Member(object? value, string name) =>
                value is IReadOnlyDictionary<string, object?> map && map.TryGetValue(name, out object? member) ? member : null;

            /// <summary>"https://ecs.{Region}.{PartitionResult#dnsSuffix}": each {name#attr} read from the scope; {{ and }} are braces.</summary>
            private static string Template(string template, Dictionary<string, object?> scope)
            {
                var result = new StringBuilder(template.Length + 32);
                for (int i = 0; i < template.Length; i++)
                {
                    char c = template[i];
                    if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                    {
                        result.Append(c);
                        i++;
                    }
                    else if (c == '{')
                    {
                        int end = template.IndexOf('}', i + 1);
                        if (end < 0) throw new EndpointResolutionException("Unclosed '{' in endpoint template '" + template + "'.");
                        string[] path = template.Substring(i + 1, end - i - 1).Split('#');
                        object? value = scope.TryGetValue(path[0], out object? bound) ? bound : null;
                        for (int p = 1; p < path.Length; p++) value = Member(value, path[p]);
                        result.Append(value switch { bool flag => flag ? "true" : "false", null => string.Empty, _ => value.ToString() });
                        i = end;
                    }
                    else
                    {
                        result.Append(c);
                    }
                }
                return result.ToString();
            }
        }
    }
}
