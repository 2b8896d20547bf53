using System;
using System.IO;
using System.Xml;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Forward-only reading of a query-protocol answer (EC2's XML) from the body's bytes: no string of the whole body
    /// and no element tree, only the values the caller keeps. Members are matched by local name (EC2's XML carries a
    /// namespace). Each reading helper leaves the reader after the element it was given.
    /// </summary>
    internal static class QueryXml
    {
        private const string ListItemName = "item";

        private static readonly XmlReaderSettings Settings = new XmlReaderSettings
        {
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };

        /// <summary>
        /// Reads <paramref name="body"/>, whose root must be <c>&lt;{operation}Response&gt;</c>, with <paramref name="readRoot"/>
        /// given the reader on the root element.
        /// </summary>
        public static T Read<T>(ArraySegment<byte> body, string operation, Func<XmlReader, T> readRoot)
        {
            using var stream = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
            using XmlReader reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
                throw new XmlException(operation + " answered without an element.");
            if (reader.LocalName != operation + "Response")
                throw new FormatException(operation + " answered with <" + reader.LocalName + ">.");
            return readRoot(reader);
        }

        /// <summary>Each <c>&lt;item&gt;</c> of a query-protocol list (the reader on it); other children are skipped.</summary>
        public static void ForEachItem(XmlReader reader, Action<XmlReader> read) => ForEachChild(reader, child =>
        {
            if (child.LocalName == ListItemName) read(child);
            else child.Skip();
        });

        public static bool IsMember(XmlReader reader, string localName) => reader.LocalName == localName;

        /// <summary>
        /// Hands each child element of the element the reader is on to <paramref name="visit"/>, which reads it to its end
        /// (or skips it); the reader ends after the element's end tag.
        /// </summary>
        public static void ForEachChild(XmlReader reader, Action<XmlReader> visit)
        {
            if (reader.IsEmptyElement) { reader.Read(); return; }
            int depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.EOF) throw new XmlException("The answer ended inside <" + reader.LocalName + ">.");
                if (reader.NodeType == XmlNodeType.Element) visit(reader);
                else reader.Read();
            }
            reader.Read(); // the end tag
        }

        /// <summary>The text of the first child named <paramref name="localName"/> (null when absent); the reader ends after the element.</summary>
        public static string? ChildText(XmlReader reader, string localName)
        {
            string? text = null;
            ForEachChild(reader, child =>
            {
                if (text == null && child.LocalName == localName) text = Text(child);
                else child.Skip();
            });
            return text;
        }

        /// <summary>A leaf element's text ("" when empty); the reader ends after the element.</summary>
        public static string Text(XmlReader reader) => reader.ReadElementContentAsString();
    }
}
