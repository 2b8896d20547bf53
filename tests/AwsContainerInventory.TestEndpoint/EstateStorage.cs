using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// An entity captured as UTF-8 JSON when it is added to the estate. The <c>tags</c> member is kept
/// apart so responses can include or omit it (ECS only returns tags with <c>include: ["TAGS"]</c>)
/// without re-serializing. Captured bytes are immutable, so responses are written without locks.
/// </summary>
internal sealed class StoredJson
{
    private static readonly byte[] TagsPrefix = "\"tags\":"u8.ToArray();

    private readonly byte[] _withoutTags;
    private readonly byte[]? _tags;

    private StoredJson(byte[] withoutTags, byte[]? tags)
    {
        _withoutTags = withoutTags;
        _tags = tags;
    }

    /// <param name="tagsMember">Member split off as tags, or null to keep the object whole.</param>
    public static StoredJson Capture(JsonObject source, string? tagsMember = "tags")
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, AwsWire.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in source)
            {
                if (name == tagsMember)
                {
                    continue;
                }
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }

        var tags = tagsMember is not null && source[tagsMember] is JsonNode tagNode
            ? AwsWire.Serialize(tagNode)
            : null;
        return new StoredJson(buffer.WrittenSpan.ToArray(), tags);
    }

    /// <summary>Writes the entity; with <paramref name="includeTags"/> a missing tag list is written as <c>[]</c>.</summary>
    public void WriteTo(JsonBodyBuilder body, bool includeTags)
    {
        if (!includeTags)
        {
            body.Raw(_withoutTags);
            return;
        }

        // Splice ,"tags":[...] in front of the closing brace.
        var open = _withoutTags.AsSpan(0, _withoutTags.Length - 1);
        body.Raw(open);
        if (open.Length > 1)
        {
            body.Raw(","u8);
        }
        body.Raw(TagsPrefix).Raw(_tags ?? "[]"u8.ToArray()).Raw("}"u8);
    }

    /// <summary>A fresh, caller-owned copy of the entity including its tags.</summary>
    public JsonObject ToJsonObject()
    {
        var obj = JsonNode.Parse(_withoutTags)!.AsObject();
        if (_tags is not null)
        {
            obj["tags"] = JsonNode.Parse(_tags);
        }
        return obj;
    }
}

/// <summary>
/// An EC2 network interface in the EC2 wire vocabulary (see <see cref="AwsShapes.NetworkInterface"/>). Its
/// <c>&lt;item&gt;</c> XML is rendered once, when it is added, so responses splice immutable bytes without locks.
/// The JSON is owned by the entry and never changed; read it (under the estate lock) only through <see cref="ToJsonObject"/>.
/// </summary>
internal sealed class NetworkInterfaceEntry
{
    private readonly JsonObject _json;

    private NetworkInterfaceEntry(JsonObject json)
    {
        _json = json;
        Id = Member(json, "networkInterfaceId")
            ?? throw new ArgumentException("NetworkInterface needs 'networkInterfaceId'.", nameof(json));
        SubnetId = Member(json, "subnetId");
        VpcId = Member(json, "vpcId");
        PublicIp = json["association"] is JsonObject association ? Member(association, "publicIp") : null;
        ItemXml = Ec2Xml.Item(json);
    }

    public string Id { get; }
    public string? SubnetId { get; }
    public string? VpcId { get; }
    public string? PublicIp { get; }

    /// <summary><c>&lt;item&gt;…&lt;/item&gt;</c>, without namespace (it takes the response's default namespace).</summary>
    public byte[] ItemXml { get; }

    /// <summary>Copies <paramref name="source"/>: later edits to it do not show.</summary>
    public static NetworkInterfaceEntry Capture(JsonObject source) => new(source.DeepClone().AsObject());

    /// <summary>Takes <paramref name="json"/> over; the caller must not touch it afterwards.</summary>
    public static NetworkInterfaceEntry Own(JsonObject json) => new(json);

    public JsonObject ToJsonObject() => _json.DeepClone().AsObject();

    private static string? Member(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

/// <summary>
/// EC2 query-protocol XML for an entity held in the EC2 wire vocabulary: every member becomes an element of
/// the same name, a JSON array becomes <c>&lt;item&gt;</c> members, booleans are <c>true</c>/<c>false</c>.
/// </summary>
internal static class Ec2Xml
{
    private static readonly XmlWriterSettings Settings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    public static byte[] Item(JsonObject entity)
    {
        using var buffer = new MemoryStream(2048);
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartElement("item");
            QueryXml.WriteMembers(writer, entity, "item");
            writer.WriteEndElement();
        }
        return buffer.ToArray();
    }
}

/// <summary>Insertion-ordered collection with keyed upsert; replacing an item keeps its position.</summary>
internal sealed class OrderedStore<T>
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IReadOnlyList<T> Items => _items;

    public int Count => _items.Count;

    public void Upsert(string key, T item)
    {
        if (_index.TryGetValue(key, out var position))
        {
            _items[position] = item;
        }
        else
        {
            _index[key] = _items.Count;
            _items.Add(item);
        }
    }

    /// <summary>Removes the item of <paramref name="key"/>; the others keep their order.</summary>
    public bool Remove(string key)
    {
        if (!_index.Remove(key, out var position))
        {
            return false;
        }
        _items.RemoveAt(position);
        foreach (var other in _index.Where(p => p.Value > position).Select(p => p.Key).ToList())
        {
            _index[other]--;
        }
        return true;
    }

    public bool TryGet(string key, out T item)
    {
        if (_index.TryGetValue(key, out var position))
        {
            item = _items[position];
            return true;
        }
        item = default!;
        return false;
    }
}

internal sealed record RepositoryEntry(
    string Name,
    string Arn,
    StoredJson Json,
    string? PolicyText,
    IReadOnlyList<KeyValuePair<string, string>> Tags);

internal sealed record ImageEntry(string Digest, IReadOnlyList<string> Tags, StoredJson Json);

internal sealed record ServiceEntry(
    string Name,
    string Arn,
    string Status,
    string? LaunchType,
    string? SchedulingStrategy,
    StoredJson Json);

internal sealed record TaskEntry(
    string Id,
    string Arn,
    string DesiredStatus,
    string? Group,
    string? StartedBy,
    string? Family,
    string? LaunchType,
    StoredJson Json);

internal sealed record TaskDefinitionEntry(
    string Arn,
    string Family,
    int Revision,
    string Status,
    StoredJson Json,
    byte[]? TagsJson);

internal sealed class ClusterEntry(string name, string arn, StoredJson json)
{
    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public StoredJson Json { get; set; } = json;
    public OrderedStore<ServiceEntry> Services { get; } = new();
    public OrderedStore<TaskEntry> Tasks { get; } = new();
}

/// <summary>Everything one account holds in one region.</summary>
internal sealed class RegionResources(string accountId, string region)
{
    public string AccountId { get; } = accountId;
    public string Region { get; } = region;
    public OrderedStore<RepositoryEntry> Repositories { get; } = new();
    public OrderedStore<ClusterEntry> Clusters { get; } = new();
    public OrderedStore<TaskDefinitionEntry> TaskDefinitions { get; } = new();
    public OrderedStore<NetworkInterfaceEntry> NetworkInterfaces { get; } = new();

    /// <summary>ECR <c>ImageDetail</c>s by repository name, each repository's in push order, keyed by digest.</summary>
    public Dictionary<string, OrderedStore<ImageEntry>> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>The registry's <c>RegistryScanningConfiguration</c>; null serves ECR's default (BASIC, no rules).</summary>
    public StoredJson? RegistryScanning { get; set; }

    public NetworkResources Network { get; } = new();
}
