using System.Text;

namespace AwsContainerInventory.Tests.Support;

/// <summary>Answer bodies as the transport hands them to a reader: a segment in the middle of a larger (pooled) array.</summary>
public static class PooledBodies
{
    public static ArraySegment<byte> InLargerArray(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("xx" + text + "yy");
        return new ArraySegment<byte>(bytes, 2, bytes.Length - 4);
    }
}
