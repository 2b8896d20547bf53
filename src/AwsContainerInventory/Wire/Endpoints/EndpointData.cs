using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>
    /// The files of Wire/Endpoints/Data, embedded in the assembly: botocore's partitions.json, one endpoint rule
    /// set per service, and source.json naming the botocore version they were copied from.
    /// </summary>
    internal static class EndpointData
    {
        private const string ResourcePrefix = "AwsContainerInventory.Endpoints.";
        private static readonly Lazy<string> Version = new Lazy<string>(ReadVersion);

        /// <summary>The botocore version the data was copied from ("1.43.11"), for messages.</summary>
        public static string BotocoreVersion => Version.Value;

        public static string Read(string fileName)
        {
            using Stream? stream = typeof(EndpointData).Assembly.GetManifestResourceStream(ResourcePrefix + fileName);
            if (stream == null) throw new InvalidOperationException("The module's endpoint data '" + fileName + "' is missing from the assembly.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        private static string ReadVersion()
        {
            using JsonDocument document = JsonDocument.Parse(Read("source.json"));
            return document.RootElement.GetProperty("botocore").GetString() ?? "unknown";
        }
    }
}
