using System.Text;
using System.Text.Json;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>JsonWire.Body reuses one writer a thread: each body must still be whole and its own.</summary>
public class JsonWireTests
{
    [Fact]
    public void Consecutive_bodies_on_one_thread_are_independent_arrays()
    {
        byte[] first = JsonWire.Body(w => w.WriteString("repositoryName", "a-much-longer-repository-name"));
        byte[] second = JsonWire.Body(w => w.WriteNumber("maxResults", 100));
        Assert.Equal("{\"repositoryName\":\"a-much-longer-repository-name\"}", Encoding.UTF8.GetString(first));
        Assert.Equal("{\"maxResults\":100}", Encoding.UTF8.GetString(second));
        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_body_that_failed_half_way_leaves_nothing_in_the_next()
    {
        Assert.Throws<InvalidOperationException>(() => JsonWire.Body(w =>
        {
            w.WriteStartArray("imageIds");
            throw new InvalidOperationException("a caller's failure");
        }));
        byte[] next = JsonWire.Body(w => w.WriteString("cluster", "prod"));
        Assert.Equal("{\"cluster\":\"prod\"}", Encoding.UTF8.GetString(next));
    }

    [Fact]
    public void A_large_body_is_written_whole_and_the_next_small_one_too()
    {
        string[] digests = Enumerable.Range(0, 2000).Select(i => "sha256:" + i.ToString("D64")).ToArray();
        byte[] large = JsonWire.Body(w => w.WriteStringArray("digests", digests));
        using (JsonDocument document = JsonDocument.Parse(large))
            Assert.Equal(digests, document.RootElement.GetProperty("digests").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("{}", Encoding.UTF8.GetString(JsonWire.Body(_ => { })));
    }
}
